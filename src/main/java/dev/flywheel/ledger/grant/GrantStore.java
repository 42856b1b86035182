package dev.flywheel.ledger.grant;

import dev.flywheel.ledger.Asset;
import dev.flywheel.ledger.Grant;
import dev.flywheel.ledger.GrantRequest;
import dev.flywheel.platform.db.SqlArrays;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Grant rows: the exactly-once key of the money path, and the grant's own entry. */
@Component
public class GrantStore {
  private final JdbcClient jdbc;
  private final DataSource dataSource;

  GrantStore(JdbcClient jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
  }

  private java.sql.Array array(String type, Object[] values) {
    return SqlArrays.of(dataSource, type, values);
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
  /**
   * {@link #record} for many grants of one (tenant, campaign, asset) paid from one
   * {@code sourceAccount}: the wallets (opened when missing) in one statement, then grant rows
   * (keys that exist are skipped), their GRANT entries and two postings per grant in another. The requests must have
   * distinct keys and must not be coupon grants. Returns the rows written (a key a concurrent
   * twin committed first is absent: nothing was written for it).
   */
  public List<Batched> recordAll(long tenantId, long campaignId, Asset asset, List<GrantRequest> requests,
      long sourceAccount, String actor, Instant now) {
    return recordAll(tenantId, campaignId, asset, requests, openWallets(tenantId, requests), sourceAccount, actor, now);
  }

  /**
   * {@link #recordAll} with the wallets already opened and locked ({@link #openWallets}, by
   * {@link #walletKey}).
   */
  public List<Batched> recordAll(long tenantId, long campaignId, Asset asset, List<GrantRequest> requests,
      java.util.Map<String, Long> walletIds, long sourceAccount, String actor, Instant now) {
    int n = requests.size();
    String[] rules = new String[n];
    String[] sources = new String[n];
    String[] customers = new String[n];
    Long[] amounts = new Long[n];
    String[] availableAt = new String[n];
    for (int i = 0; i < n; i++) {
      GrantRequest r = requests.get(i);
      rules[i] = r.ruleId();
      sources[i] = r.sourceEventId();
      customers[i] = r.customerId();
      amounts[i] = r.amount();
      availableAt[i] = r.availableAt() == null ? null : r.availableAt().toString();
    }
    Long[] wallets = new Long[n];
    for (int i = 0; i < n; i++) {
      wallets[i] = walletIds.get(walletKey(requests.get(i)));
    }
    return jdbc.sql("""
            with r as (
              select * from unnest(cast(:rules as text[]), cast(:sources as text[]), cast(:customers as text[]),
                                   cast(:amounts as bigint[]), cast(cast(:availableAt as text[]) as timestamptz[]),
                                   cast(:wallets as bigint[]))
                with ordinality as r(rule_id, source_event_id, customer_id, amount, available_at, wallet_id, ord)),
            g as (
              insert into ledger_grants (tenant_id, campaign_id, rule_id, source_event_id, customer_id, asset,
                                         amount, available_at, coupon_template_id, entry_id, created_at)
              select :tenant, :campaign, rule_id, source_event_id, customer_id, :asset, amount, available_at, null,
                     nextval(pg_get_serial_sequence('ledger_entries', 'id')), :now
              from r order by ord
              on conflict (tenant_id, campaign_id, rule_id, source_event_id) do nothing
              returning id, entry_id, rule_id, source_event_id, amount),
            gr as (
              select g.*, r.wallet_id, r.ord from g join r on r.rule_id = g.rule_id and r.source_event_id = g.source_event_id),
            e as (
              insert into ledger_entries (id, tenant_id, kind, reference, actor, created_at)
              select entry_id, :tenant, 'GRANT', 'grant:' || id, :actor, :now from g
              returning id),
            p as (
              insert into ledger_postings (entry_id, tenant_id, account_id, asset, amount, created_at)
              select gr.entry_id, cast(:tenant as bigint), cast(:sourceAccount as bigint), cast(:asset as text),
                     -gr.amount, cast(:now as timestamptz) from gr
              union all
              select gr.entry_id, :tenant, gr.wallet_id, :asset, gr.amount, :now from gr
              returning 1)
            select gr.id, gr.entry_id, gr.rule_id, gr.source_event_id, (select count(*) from p) from gr order by gr.ord""")
        .param("rules", array("text", rules)).param("sources", array("text", sources))
        .param("customers", array("text", customers)).param("amounts", array("int8", amounts))
        .param("availableAt", array("text", availableAt)).param("wallets", array("int8", wallets))
        .param("tenant", tenantId).param("campaign", campaignId).param("asset", asset.name())
        .param("sourceAccount", sourceAccount).param("actor", actor).param("now", Timestamp.from(now))
        .query((rs, i) -> new Batched(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4))).list();
  }

  /**
   * The wallet accounts of every request (of one tenant, any assets), opened when missing and
   * locked, in ONE statement in (customer, asset, kind) order, so that two transactions lock the
   * wallets they share in the same order. A wallet opened for a grant a concurrent twin then wins
   * stays empty, which is harmless. @return account ids by {@link #walletKey}
   */
  public java.util.Map<String, Long> openWallets(long tenantId, List<GrantRequest> requests) {
    java.util.Map<String, Long> ids = new java.util.HashMap<>();
    if (requests.isEmpty()) {
      return ids;
    }
    String[] customers = requests.stream().map(GrantRequest::customerId).toArray(String[]::new);
    String[] assets = requests.stream().map(r -> r.asset().name()).toArray(String[]::new);
    String[] kinds = requests.stream().map(r -> r.pending() ? "PENDING" : "AVAILABLE").toArray(String[]::new);
    jdbc.sql("""
            insert into ledger_accounts (tenant_id, owner_type, owner_id, asset, kind, keeps_balance)
            select :tenant, 'CUSTOMER', c, a, k, true
            from (select distinct c, a, k from unnest(cast(:customers as text[]), cast(:assets as text[]),
                                                      cast(:kinds as text[])) u(c, a, k)) d
            order by c, a, k
            on conflict (tenant_id, owner_type, owner_id, asset, kind, slot) do update set keeps_balance = true
            returning id, owner_id, asset, kind""")
        .param("tenant", tenantId).param("customers", array("text", customers))
        .param("assets", array("text", assets)).param("kinds", array("text", kinds))
        .query(rs -> {
          ids.put(rs.getString(2) + "/" + rs.getString(3) + "/" + rs.getString(4), rs.getLong(1));
        });
    return ids;
  }

  /** The key of a request's wallet in {@link #openWallets}' answer. */
  public static String walletKey(GrantRequest r) {
    return r.customerId() + "/" + r.asset().name() + "/" + (r.pending() ? "PENDING" : "AVAILABLE");
  }

  /** A grant {@link #recordAll} wrote. */
  public record Batched(long grantId, long entryId, String ruleId, String sourceEventId) {}

  /** The stored grants among the given keys of one tenant, by {@code campaign/rule/source}. */
  public java.util.Map<String, Grant> findAll(long tenantId, List<GrantRequest> keys) {
    if (keys.isEmpty()) {
      return java.util.Map.of();
    }
    Long[] campaigns = keys.stream().map(GrantRequest::campaignId).toArray(Long[]::new);
    String[] rules = keys.stream().map(GrantRequest::ruleId).toArray(String[]::new);
    String[] sources = keys.stream().map(GrantRequest::sourceEventId).toArray(String[]::new);
    java.util.Map<String, Grant> found = new java.util.HashMap<>();
    jdbc.sql(SELECT + """
             join unnest(cast(:campaigns as bigint[]), cast(:rules as text[]), cast(:sources as text[])) k(c, r, s)
               on g.tenant_id = :tenant and g.campaign_id = k.c and g.rule_id = k.r and g.source_event_id = k.s""")
        .param("tenant", tenantId).param("campaigns", array("int8", campaigns)).param("rules", array("text", rules))
        .param("sources", array("text", sources))
        .query(GrantStore::map).list()
        .forEach(g -> found.put(key(g.campaignId(), g.ruleId(), g.sourceEventId()), g));
    return found;
  }

  /** The exactly-once key as one string (for maps). */
  public static String key(long campaignId, String ruleId, String sourceEventId) {
    return campaignId + "/" + ruleId.length() + ":" + ruleId + "/" + sourceEventId;
  }


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
