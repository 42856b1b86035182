package dev.flywheel.customer;

import dev.flywheel.customer.profile.CustomerRows;
import dev.flywheel.customer.profile.ProfileWrites;
import dev.flywheel.customer.stage.LifecycleSettingsStore;
import dev.flywheel.customer.stage.PendingEvents;
import java.sql.Array;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Read API of the customer module for the console and other modules. Every method is scoped by
 * tenant: another tenant's customer is simply not found. Reads made inside an ingestion
 * transaction first apply the events that transaction has buffered (read-your-writes).
 */
@Service
public class Customers {
  private static final int MAX_PAGE_SIZE = 500;
  private final JdbcClient jdbc;
  private final PendingEvents pending;
  private final LifecycleSettingsStore settings;
  private final ProfileWrites profiles;

  Customers(JdbcClient jdbc, PendingEvents pending, LifecycleSettingsStore settings, ProfileWrites profiles) {
    this.jdbc = jdbc;
    this.pending = pending;
    this.settings = settings;
    this.profiles = profiles;
  }

  /**
   * Creates or replaces a profile from the same fields (snake_case keys) and with the same
   * validation as {@code PUT /api/v1/customers/{id}}; never changes event-derived stages.
   *
   * @return true when the customer was created
   */
  public boolean saveProfile(long tenantId, String customerId, Map<String, Object> fields) {
    return profiles.save(tenantId, customerId, fields);
  }

  /**
   * Applies the events this transaction has buffered now instead of just before commit, so that
   * the stage changes they cause are published now: for a listener that collects those changes
   * and writes them before commit itself. No-op outside a transaction or with nothing pending.
   */
  public void applyPending() {
    pending.flush();
  }

  public Optional<CustomerProfile> find(long tenantId, String customerId) {
    pending.flush();
    return jdbc.sql(CustomerRows.SELECT + " where c.tenant_id = :tenant and c.id = :id")
        .param("tenant", tenantId).param("id", customerId)
        .query(CustomerRows::map).optional();
  }

  /**
   * The stored state of several customers in one query, <em>without</em> applying the events this
   * transaction has buffered: inside an ingestion transaction that is each customer as of just
   * before the events being ingested (what campaign rules see as {@code customer}). Unknown ids
   * are absent.
   */
  public Map<String, CustomerProfile> stateBeforePending(long tenantId, java.util.Collection<String> customerIds) {
    if (customerIds.isEmpty()) {
      return Map.of();
    }
    Map<String, CustomerProfile> found = new java.util.HashMap<>();
    jdbc.sql(CustomerRows.SELECT + " where c.tenant_id = :tenant and c.id in (:ids)")
        .param("tenant", tenantId).param("ids", List.copyOf(customerIds))
        .query(CustomerRows::map).list().forEach(c -> found.put(c.id(), c));
    return found;
  }

  /**
   * Adds tags to customers (campaign effects), keeping existing tags and their order; applies this
   * transaction's buffered events first so that customers first seen in it exist. Idempotent;
   * joins the caller's transaction.
   */
  public void addTags(long tenantId, Map<String, ? extends java.util.Collection<String>> tagsByCustomer) {
    pending.flush();
    tagsByCustomer.forEach((customerId, tags) -> {
      if (!tags.isEmpty()) {
        jdbc.sql("""
                update customers set tags = tags || array(
                  select distinct t from unnest(cast(array[:tags] as text[])) t where t <> all(tags))
                where tenant_id = :tenant and id = :id""")
            .param("tenant", tenantId).param("id", customerId).param("tags", List.copyOf(tags)).update();
      }
    });
  }

  /**
   * Customers matching every non-null filter, by id, {@code page} zero-based and {@code size}
   * capped at 500.
   */
  public CustomerPage search(long tenantId, CustomerSearch search, int page, int size) {
    int limit = Math.clamp(size, 1, MAX_PAGE_SIZE);
    int offset = Math.max(0, page) * limit;
    String where = """
         where tenant_id = :tenant
           and (cast(:prefix as text) is null or starts_with(id, :prefix))
           and (cast(:tag as text) is null or tags @> array[cast(:tag as text)])
           and (cast(:loan as text) is null or loan_stage = :loan)
           and (cast(:life as text) is null or lifecycle_stage = :life)
        """;
    Map<String, Object> params = new java.util.HashMap<>();
    params.put("tenant", tenantId);
    params.put("prefix", search.idPrefix());
    params.put("tag", search.tag());
    params.put("loan", search.loanStage() == null ? null : search.loanStage().name());
    params.put("life", search.lifecycleStage() == null ? null : search.lifecycleStage().name());
    long total = jdbc.sql("select count(*) from customers" + where).params(params).query(Long.class).single();
    List<CustomerPage.Summary> items = jdbc.sql("""
            select id, name, tags, loan_stage, lifecycle_stage, created_at from customers
            """ + where + " order by id limit :limit offset :offset")
        .params(params).param("limit", limit).param("offset", offset)
        .query((rs, n) -> new CustomerPage.Summary(rs.getString("id"), Masking.name(rs.getString("name")),
            tags(rs.getArray("tags")), LoanStage.valueOf(rs.getString("loan_stage")),
            LifecycleStage.valueOf(rs.getString("lifecycle_stage")),
            rs.getTimestamp("created_at").toInstant()))
        .list();
    return new CustomerPage(items, Math.max(0, page), limit, total);
  }

  /** The tags of the given customers (unknown ids are absent), for reads such as a community's tag mix. */
  public Map<String, List<String>> tagsOf(long tenantId, java.util.Collection<String> customerIds) {
    if (customerIds.isEmpty()) {
      return Map.of();
    }
    Map<String, List<String>> found = new java.util.HashMap<>();
    jdbc.sql("select id, tags from customers where tenant_id = :tenant and id = any(cast(:ids as text[]))")
        .param("tenant", tenantId).param("ids", customerIds.toArray(String[]::new))
        .query(rs -> {
          found.put(rs.getString(1), tags(rs.getArray(2)));
        });
    return found;
  }

  /**
   * The tenant's customers holding at least one of {@code tags}, grouped by the exact subset of
   * {@code tags} each holds: per subset the count and up to {@code sample} ids (most recently
   * active first, then by id). Customers in {@code excluding} are left out. One query; for
   * suggestions such as whom to invite into a community to reach a tag mix.
   */
  public List<TagCombination> tagCombinations(long tenantId, java.util.Collection<String> tags,
      java.util.Collection<String> excluding, int sample) {
    if (tags.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("""
            with held as (
              select id, last_active_at,
                array(select t from unnest(tags) t where t = any(cast(:tags as text[])) order by t) as combo
              from customers
              where tenant_id = :tenant and tags && cast(:tags as text[]) and not (id = any(cast(:excluding as text[])))),
            ranked as (
              select combo, id, count(*) over (partition by combo) as n,
                row_number() over (partition by combo order by last_active_at desc nulls last, id) as rn
              from held)
            select combo, max(n) as n, array_agg(id order by rn) as ids from ranked where rn <= :sample
            group by combo order by max(n) desc, combo""")
        .param("tenant", tenantId).param("tags", tags.stream().distinct().toArray(String[]::new))
        .param("excluding", excluding.toArray(String[]::new)).param("sample", Math.clamp(sample, 1, 10_000))
        .query((rs, n) -> new TagCombination(tags(rs.getArray("combo")), rs.getLong("n"),
            tags(rs.getArray("ids"))))
        .list();
  }

  /**
   * How a bulk send may reach one customer: loan stage, registered on H5 only, opted out of the
   * channel's consent, and whether the channel's address is known.
   */
  public record Contactable(String id, LoanStage loanStage, boolean h5Only, boolean optedOut, boolean addressable) {}

  /**
   * One page (by id, after {@code afterId}; null = from the start) of a tenant's customers with
   * what a bulk send needs to know: opted out of {@code consentKey} (null: never), and addressable
   * (a phone when {@code needsPhone}, a non-blank {@code attributes.<attribute>} when
   * {@code attribute} is not null; for {@code email} the profile's e-mail field counts first). For set-based planning of campaign sends (reach);
   * {@code limit} 1 to 100,000.
   */
  public List<Contactable> contactable(long tenantId, String consentKey, boolean needsPhone, String attribute,
      String afterId, int limit) {
    return jdbc.sql("""
            select c.id, c.loan_stage, c.h5_only,
              (cast(:consent as text) is not null and exists (
                select 1 from customer_consents cc where cc.tenant_id = c.tenant_id and cc.customer_id = c.id
                  and cc.channel = :consent and not cc.granted)) as opted_out,
              ((not :phone or c.phone is not null)
                and (cast(:attr as text) is null or coalesce(nullif(case when cast(:attr as text) = 'email'
                  then c.email end, ''), c.attributes ->> cast(:attr as text), '') <> ''))
                as addressable
            from customers c
            where c.tenant_id = :tenant and (cast(:after as text) is null or c.id > :after)
            order by c.id limit :limit""")
        .param("tenant", tenantId).param("after", afterId).param("consent", consentKey).param("phone", needsPhone)
        .param("attr", attribute).param("limit", Math.clamp(limit, 1, 100_000))
        .query((rs, n) -> new Contactable(rs.getString(1), LoanStage.valueOf(rs.getString(2)), rs.getBoolean(3),
            rs.getBoolean(4), rs.getBoolean(5)))
        .list();
  }

  /**
   * Which of {@code customerIds} are new in {@code [from, to)}: registered in it, or, with no
   * registration time, first seen in it (the profile is created by the customer's first event).
   * Unknown ids are not new. For a campaign review's new-vs-existing split.
   */
  public java.util.Set<String> newBetween(long tenantId, java.util.Collection<String> customerIds,
      java.time.Instant from, java.time.Instant to) {
    if (customerIds.isEmpty()) {
      return java.util.Set.of();
    }
    pending.flush();
    return java.util.Set.copyOf(jdbc.sql("""
            select id from customers where tenant_id = :tenant and id = any(cast(:ids as text[]))
              and coalesce(registered_at, created_at) >= :from and coalesce(registered_at, created_at) < :to""")
        .param("tenant", tenantId).param("ids", customerIds.toArray(String[]::new))
        .param("from", java.time.OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC))
        .param("to", java.time.OffsetDateTime.ofInstant(to, java.time.ZoneOffset.UTC))
        .query(String.class).list());
  }

  /** Loan and lifecycle moves of one customer, oldest first. */
  public List<StageTransition> stageHistory(long tenantId, String customerId) {
    return jdbc.sql("""
            select kind, from_stage, to_stage, at, cause from customer_stage_history
            where tenant_id = :tenant and customer_id = :id order by id""")
        .param("tenant", tenantId).param("id", customerId)
        .query((rs, n) -> new StageTransition(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getTimestamp(4).toInstant(), rs.getString(5)))
        .list();
  }

  /** Customers per loan stage; every stage is present (zero when empty). */
  public Map<LoanStage, Long> countByLoanStage(long tenantId) {
    Map<LoanStage, Long> counts = new EnumMap<>(LoanStage.class);
    Arrays.stream(LoanStage.values()).forEach(s -> counts.put(s, 0L));
    count(tenantId, "loan_stage").forEach((k, v) -> counts.put(LoanStage.valueOf(k), v));
    return counts;
  }

  /** Customers per lifecycle stage; every stage is present (zero when empty). */
  public Map<LifecycleStage, Long> countByLifecycleStage(long tenantId) {
    Map<LifecycleStage, Long> counts = new EnumMap<>(LifecycleStage.class);
    Arrays.stream(LifecycleStage.values()).forEach(s -> counts.put(s, 0L));
    count(tenantId, "lifecycle_stage").forEach((k, v) -> counts.put(LifecycleStage.valueOf(k), v));
    return counts;
  }

  public LifecycleSettings lifecycleSettings(long tenantId) {
    return settings.find(tenantId);
  }

  private Map<String, Long> count(long tenantId, String column) {
    Map<String, Long> counts = new java.util.HashMap<>();
    // column is one of two constants above, never user input
    jdbc.sql("select " + column + ", count(*) from customers where tenant_id = :tenant group by 1")
        .param("tenant", tenantId)
        .query(rs -> {
          counts.put(rs.getString(1), rs.getLong(2));
        });
    return counts;
  }

  private static List<String> tags(Array array) throws java.sql.SQLException {
    return array == null ? List.of() : List.of((String[]) array.getArray());
  }
}
