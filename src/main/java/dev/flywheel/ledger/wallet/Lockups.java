package dev.flywheel.ledger.wallet;

import dev.flywheel.ledger.Asset;
import dev.flywheel.ledger.journal.Journal;
import dev.flywheel.ledger.journal.Journal.Leg;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Pending rewards and their release to the available balance when the lock-up ends. */
@Component
public class Lockups {
  private final JdbcClient jdbc;
  private final Journal journal;

  Lockups(JdbcClient jdbc, Journal journal) {
    this.jdbc = jdbc;
    this.journal = journal;
  }

  public void add(long tenantId, long grantId, String customerId, Asset asset, long amount, Instant availableAt) {
    jdbc.sql("""
            insert into ledger_lockups (tenant_id, grant_id, customer_id, asset, amount, available_at)
            values (:tenant, :grant, :customer, :asset, :amount, :at)""")
        .param("tenant", tenantId).param("grant", grantId).param("customer", customerId)
        .param("asset", asset.name()).param("amount", amount).param("at", Timestamp.from(availableAt)).update();
  }

  /**
   * Releases up to {@code batch} due lock-ups: PENDING → AVAILABLE postings, lock-up marked
   * released. {@code SKIP LOCKED}: several nodes, or a clawback in flight, never take one twice.
   *
   * @return how many were released
   */
  public int releaseDue(Instant now, int batch) {
    List<Due> due = jdbc.sql("""
            select id, tenant_id, grant_id, customer_id, asset, amount from ledger_lockups
            where status = 'PENDING' and available_at <= :now
            order by available_at, id limit :batch
            for update skip locked""")
        .param("now", Timestamp.from(now)).param("batch", batch)
        .query((rs, n) -> new Due(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
            Asset.valueOf(rs.getString(5)), rs.getLong(6)))
        .list();
    for (Due d : due) {
      journal.post(d.tenantId(), "RELEASE", "grant:" + d.grantId(), "ledger-upkeep", d.asset(), now,
          List.of(new Leg(journal.wallet(d.tenantId(), d.customerId(), d.asset(), "PENDING"), -d.amount()),
              new Leg(journal.wallet(d.tenantId(), d.customerId(), d.asset(), "AVAILABLE"), d.amount())));
      jdbc.sql("update ledger_lockups set status = 'RELEASED', settled_at = :now where id = :id")
          .param("now", Timestamp.from(now)).param("id", d.id()).update();
    }
    return due.size();
  }

  private record Due(long id, long tenantId, long grantId, String customerId, Asset asset, long amount) {}
}
