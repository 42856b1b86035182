package dev.flywheel.ledger.journal;

import dev.flywheel.ledger.Asset;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes journal entries and finds or opens accounts. Balances are not touched here: a trigger
 * applies each statement's postings to their accounts (when the account keeps a balance) and
 * another refuses, at the end of the statement, any entry whose postings do not sum to zero per
 * asset — so an entry's postings are inserted in one statement.
 * Callers must already hold the row locks their business check relied on.
 */
@Component
public class Journal {
  private final JdbcClient jdbc;

  Journal(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One side of an entry: a signed amount on one account. */
  public record Leg(long accountId, long amount) {}

  /** An entry id reserved before the entry itself (for rows that must reference it first). */
  public long reserveEntryId() {
    return jdbc.sql("select nextval(pg_get_serial_sequence('ledger_entries', 'id'))").query(Long.class).single();
  }

  /** Posts an entry with a fresh id; legs with a zero amount are dropped. */
  public long post(long tenantId, String kind, String reference, String actor, Asset asset, Instant at,
      List<Leg> legs) {
    return post(reserveEntryId(), tenantId, kind, reference, actor, asset, at, legs);
  }

  /** Posts an entry under an id from {@link #reserveEntryId()}. */
  public long post(long entryId, long tenantId, String kind, String reference, String actor, Asset asset,
      Instant at, List<Leg> legs) {
    List<Leg> moving = legs.stream().filter(l -> l.amount() != 0).toList();
    if (moving.stream().mapToLong(Leg::amount).sum() != 0) {
      throw new IllegalArgumentException("entry " + kind + " does not balance: " + legs);
    }
    Timestamp now = Timestamp.from(at);
    jdbc.sql("""
            insert into ledger_entries (id, tenant_id, kind, reference, actor, created_at)
            values (:id, :tenant, :kind, :reference, :actor, :now)""")
        .param("id", entryId).param("tenant", tenantId).param("kind", kind).param("reference", reference)
        .param("actor", actor).param("now", now).update();
    if (moving.isEmpty()) {
      return entryId;
    }
    // all legs in ONE statement: the balance check runs per statement (V4_3)
    StringBuilder values = new StringBuilder();
    var statement = new java.util.LinkedHashMap<String, Object>();
    for (int i = 0; i < moving.size(); i++) {
      values.append(i == 0 ? "" : ", ").append("(:entry, :tenant, :account").append(i).append(", :asset, :amount")
          .append(i).append(", :now)");
      statement.put("account" + i, moving.get(i).accountId());
      statement.put("amount" + i, moving.get(i).amount());
    }
    jdbc.sql("insert into ledger_postings (entry_id, tenant_id, account_id, asset, amount, created_at) values "
            + values)
        .params(statement).param("entry", entryId).param("tenant", tenantId).param("asset", asset.name())
        .param("now", now).update();
    return entryId;
  }

  /** The tenant-wide funding source of an asset (balance derived: it is never checked). */
  public long funding(long tenantId, Asset asset) {
    return account(tenantId, "TENANT", "", asset, "FUNDING", false);
  }

  /** A tenant-wide sink: {@code REDEEMED}, {@code EXPIRED}, {@code CLAWED_BACK} (balance derived). */
  public long sink(long tenantId, Asset asset, String kind) {
    return account(tenantId, "TENANT", "", asset, kind, false);
  }

  /** A customer's {@code AVAILABLE}, {@code PENDING} or {@code DEBT} account, opened when missing. */
  public long wallet(long tenantId, String customerId, Asset asset, String kind) {
    return account(tenantId, "CUSTOMER", customerId, asset, kind, true);
  }

  /** The customer's account if it exists, locked for update. */
  public Optional<LockedAccount> lockWallet(long tenantId, String customerId, Asset asset, String kind) {
    return jdbc.sql("""
            select id, balance from ledger_accounts
            where tenant_id = :tenant and owner_type = 'CUSTOMER' and owner_id = :owner and asset = :asset
              and kind = :kind and slot = 0
            for update""")
        .param("tenant", tenantId).param("owner", customerId).param("asset", asset.name()).param("kind", kind)
        .query((rs, n) -> new LockedAccount(rs.getLong(1), rs.getLong(2))).optional();
  }

  public record LockedAccount(long id, long balance) {}

  private long account(long tenantId, String ownerType, String ownerId, Asset asset, String kind,
      boolean keepsBalance) {
    Optional<Long> found = find(tenantId, ownerType, ownerId, asset, kind);
    if (found.isPresent()) {
      return found.get();
    }
    jdbc.sql("""
            insert into ledger_accounts (tenant_id, owner_type, owner_id, asset, kind, keeps_balance)
            values (:tenant, :ownerType, :owner, :asset, :kind, :keeps)
            on conflict (tenant_id, owner_type, owner_id, asset, kind, slot) do nothing""")
        .param("tenant", tenantId).param("ownerType", ownerType).param("owner", ownerId)
        .param("asset", asset.name()).param("kind", kind).param("keeps", keepsBalance).update();
    return find(tenantId, ownerType, ownerId, asset, kind).orElseThrow();
  }

  private Optional<Long> find(long tenantId, String ownerType, String ownerId, Asset asset, String kind) {
    return jdbc.sql("""
            select id from ledger_accounts where tenant_id = :tenant and owner_type = :ownerType
              and owner_id = :owner and asset = :asset and kind = :kind and slot = 0""")
        .param("tenant", tenantId).param("ownerType", ownerType).param("owner", ownerId)
        .param("asset", asset.name()).param("kind", kind).query(Long.class).optional();
  }
}
