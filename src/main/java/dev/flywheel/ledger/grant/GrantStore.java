package dev.flywheel.ledger.grant;

import dev.flywheel.ledger.Asset;
import dev.flywheel.ledger.Grant;
import dev.flywheel.ledger.GrantRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Grant rows: the exactly-once key of the money path, and the grant's own entry. */
@Component
public class GrantStore {
  private final JdbcClient jdbc;

  GrantStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * In one statement: the grant row (unless its key exists), its GRANT entry, the customer's wallet
   * account (opened when missing) and the two postings from {@code sourceAccount} to the wallet.
   * Returns empty when the key existed — then nothing at all was written.
   */
  public Optional<Recorded> record(GrantRequest r, long sourceAccount, String actor, Instant now) {
    return jdbc.sql("""
            with g as (
              insert into ledger_grants (tenant_id, campaign_id, rule_id, source_event_id, customer_id, asset,
                                         amount, available_at, coupon_template_id, entry_id, created_at)
              values (:tenant, :campaign, :rule, :source, :customer, :asset, :amount, :availableAt, :template,
                      nextval(pg_get_serial_sequence('ledger_entries', 'id')), :now)
              on conflict (tenant_id, campaign_id, rule_id, source_event_id) do nothing
              returning id, entry_id),
            e as (
              insert into ledger_entries (id, tenant_id, kind, reference, actor, created_at)
              select entry_id, :tenant, 'GRANT', 'grant:' || id, :actor, :now from g
              returning id),
            w as (
              insert into ledger_accounts (tenant_id, owner_type, owner_id, asset, kind, keeps_balance)
              select :tenant, 'CUSTOMER', :customer, :asset, :walletKind, true from g
              on conflict (tenant_id, owner_type, owner_id, asset, kind, slot) do update set keeps_balance = true
              returning id),
            p as (
              insert into ledger_postings (entry_id, tenant_id, account_id, asset, amount, created_at)
              select e.id, cast(:tenant as bigint), cast(:sourceAccount as bigint), cast(:asset as text),
                     -cast(:amount as bigint), cast(:now as timestamptz) from e
              union all
              select e.id, :tenant, w.id, :asset, :amount, :now from e cross join w
              returning 1)
            select g.id, g.entry_id, w.id, (select count(*) from p) from g cross join w""")
        .param("tenant", r.tenantId()).param("campaign", r.campaignId()).param("rule", r.ruleId())
        .param("source", r.sourceEventId()).param("customer", r.customerId()).param("asset", r.asset().name())
        .param("amount", r.amount())
        .param("availableAt", r.availableAt() == null ? null : Timestamp.from(r.availableAt()))
        .param("template", r.couponTemplateId()).param("walletKind", r.pending() ? "PENDING" : "AVAILABLE")
        .param("sourceAccount", sourceAccount).param("actor", actor).param("now", Timestamp.from(now))
        .query((rs, n) -> new Recorded(rs.getLong(1), rs.getLong(2), rs.getLong(3))).optional();
  }

  public record Recorded(long grantId, long entryId, long walletAccountId) {}

  public Optional<Grant> find(long tenantId, long campaignId, String ruleId, String sourceEventId) {
    return jdbc.sql(SELECT + """
             where g.tenant_id = :tenant and g.campaign_id = :campaign and g.rule_id = :rule
               and g.source_event_id = :source""")
        .param("tenant", tenantId).param("campaign", campaignId).param("rule", ruleId)
        .param("source", sourceEventId).query(GrantStore::map).optional();
  }

  public Grant get(long grantId) {
    return jdbc.sql(SELECT + " where g.id = :id").param("id", grantId).query(GrantStore::map).single();
  }

  /** Every grant made because of one source event, oldest first. */
  public List<Grant> forSource(long tenantId, String sourceEventId) {
    return jdbc.sql(SELECT + " where g.tenant_id = :tenant and g.source_event_id = :source order by g.id")
        .param("tenant", tenantId).param("source", sourceEventId).query(GrantStore::map).list();
  }

  /** How many grants a customer received from a campaign since an instant (for caps). */
  public long count(long tenantId, long campaignId, String customerId, Instant since) {
    return jdbc.sql("""
            select count(*) from ledger_grants where tenant_id = :tenant and campaign_id = :campaign
              and customer_id = :customer and created_at >= :since""")
        .param("tenant", tenantId).param("campaign", campaignId).param("customer", customerId)
        .param("since", Timestamp.from(since)).query(Long.class).single();
  }

  private static final String SELECT = """
      select g.id, g.campaign_id, g.rule_id, g.source_event_id, g.customer_id, g.asset, g.amount,
             g.available_at, g.created_at,
             array(select c.code from ledger_coupons c where c.grant_id = g.id order by c.id) as codes
      from ledger_grants g
      """;

  private static Grant map(ResultSet rs, int n) throws SQLException {
    Timestamp availableAt = rs.getTimestamp("available_at");
    return new Grant(rs.getLong("id"), rs.getLong("campaign_id"), rs.getString("rule_id"),
        rs.getString("source_event_id"), rs.getString("customer_id"), Asset.valueOf(rs.getString("asset")),
        rs.getLong("amount"), availableAt == null ? null : availableAt.toInstant(),
        List.of((String[]) rs.getArray("codes").getArray()), rs.getTimestamp("created_at").toInstant());
  }
}
