package dev.flywheel.fission.store;

import dev.flywheel.fission.Activity;
import dev.flywheel.fission.ActivityDraft;
import dev.flywheel.ledger.Asset;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for activities, their live-code employees and the employees' organisation units. */
@Repository
public class ActivityStore {
  private static final String SELECT = """
      select a.*, (a.poster is not null) as has_poster from fission_activities a
      """;
  private final JdbcClient jdbc;

  ActivityStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public long create(long tenantId, ActivityDraft d, Activity.QrArea qr, byte[] secret, String actor, Instant now) {
    long id = jdbc.sql("""
        insert into fission_activities (tenant_id, name, rules, starts_at, ends_at, helpers_needed,
          new_customers_only, one_task_per_helper, reward_asset, reward_amount, reward_coupon_template, reward_catalog_item,
          max_rewards, poster, poster_type, qr_x, qr_y, qr_size, employee_script, customer_script,
          employee_org_unit, recommend_tags, recommend_segment_id, remind_before_minutes, live_code_strategy, invite_ttl_seconds,
          device_flag_threshold, secret, created_by, created_at)
        values (:tenant, :name, :rules, :starts, :ends, :n, :newOnly, :oneTask, :asset, :amount, :coupon, :item,
          :maxRewards, :poster, :posterType, :x, :y, :size, :empScript, :custScript, :orgUnit,
          coalesce(string_to_array(:tags, ','), '{}'), :segment, :remind, :strategy, :ttl, :threshold, :secret, :actor, :now)
        returning id
        """)
        .param("tenant", tenantId).param("name", d.name()).param("rules", orEmpty(d.rules()))
        .param("starts", Timestamp.from(d.startsAt())).param("ends", Timestamp.from(d.endsAt()))
        .param("n", d.helpersNeeded()).param("newOnly", d.newCustomersOnly()).param("oneTask", d.oneTaskPerHelper())
        .param("asset", d.rewardAsset().name()).param("amount", d.rewardAmount())
        .param("coupon", d.rewardCouponTemplate()).param("item", d.rewardCatalogItem()).param("maxRewards", d.maxRewards())
        .param("poster", d.poster()).param("posterType", d.posterType())
        .param("x", qr.x()).param("y", qr.y()).param("size", qr.size())
        .param("empScript", orEmpty(d.employeeScript())).param("custScript", orEmpty(d.customerScript()))
        .param("orgUnit", d.employeeOrgUnit())
        .param("tags", d.recommendTags() == null || d.recommendTags().isEmpty() ? null : String.join(",", d.recommendTags()))
        .param("segment", d.recommendSegmentId()).param("remind", d.remindBeforeMinutes()).param("strategy", d.liveCodeStrategy().name())
        .param("ttl", d.inviteTtlSeconds()).param("threshold", d.deviceFlagThreshold())
        .param("secret", secret).param("actor", actor).param("now", Timestamp.from(now))
        .query(Long.class).single();
    int position = 0;
    for (Activity.Acquirer a : d.acquirers() == null ? List.<Activity.Acquirer>of() : d.acquirers()) {
      jdbc.sql("insert into fission_acquirers (activity_id, user_id, position, welcome) values (:a, :u, :p, :w)")
          .param("a", id).param("u", a.userId()).param("p", position++).param("w", orEmpty(a.welcome())).update();
    }
    return id;
  }

  public Optional<Activity> find(long tenantId, long id) {
    return jdbc.sql(SELECT + " where a.tenant_id = :tenant and a.id = :id")
        .param("tenant", tenantId).param("id", id).query(this::map).optional();
  }

  public List<Activity> list(long tenantId, int limit) {
    return jdbc.sql(SELECT + " where a.tenant_id = :tenant order by a.id desc limit :limit")
        .param("tenant", tenantId).param("limit", limit).query(this::map).list();
  }

  public byte[] secret(long activityId) {
    return jdbc.sql("select secret from fission_activities where id = :id").param("id", activityId)
        .query(byte[].class).single();
  }

  public record Poster(byte[] bytes, String type) {}

  public Optional<Poster> poster(long activityId) {
    return jdbc.sql("select poster, poster_type from fission_activities where id = :id and poster is not null")
        .param("id", activityId).query((rs, i) -> new Poster(rs.getBytes(1), rs.getString(2))).optional();
  }

  /**
   * The live code's next employee for a new customer, taken in SQL: round-robin advances the
   * activity's turn with one update; least-loaded takes the employee with fewest customers
   * (ties by position) under the activity row lock. Empty when the activity has no acquirers.
   */
  public Optional<Activity.Acquirer> nextAcquirer(long activityId, Activity.LiveCodeStrategy strategy) {
    Long turn = jdbc.sql("update fission_activities set live_code_turn = live_code_turn + 1 where id = :id returning live_code_turn - 1")
        .param("id", activityId).query(Long.class).single();
    String order = strategy == Activity.LiveCodeStrategy.LEAST_LOADED
        ? "order by assigned, position limit 1"
        : "order by position offset (:turn % greatest((select count(*) from fission_acquirers where activity_id = :id), 1)) limit 1";
    Optional<Activity.Acquirer> picked = jdbc.sql("select user_id, welcome from fission_acquirers where activity_id = :id " + order)
        .param("id", activityId).param("turn", turn)
        .query((rs, i) -> new Activity.Acquirer(rs.getLong(1), rs.getString(2))).optional();
    picked.ifPresent(a -> jdbc.sql("update fission_acquirers set assigned = assigned + 1 where activity_id = :id and user_id = :u")
        .param("id", activityId).param("u", a.userId()).update());
    return picked;
  }

  /** Sets (or replaces) a console user's name and organisation unit as fission knows them. */
  public void saveEmployee(long tenantId, long userId, String name, String orgUnit) {
    jdbc.sql("""
        insert into fission_employees (tenant_id, user_id, name, org_unit) values (:t, :u, :n, :o)
        on conflict (tenant_id, user_id) do update set name = excluded.name, org_unit = excluded.org_unit
        """).param("t", tenantId).param("u", userId).param("n", name).param("o", orEmpty(orgUnit)).update();
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private Activity map(ResultSet rs, int row) throws SQLException {
    long id = rs.getLong("id");
    Integer remind = (Integer) rs.getObject("remind_before_minutes");
    Long coupon = (Long) rs.getObject("reward_coupon_template");
    return new Activity(id, rs.getLong("tenant_id"), rs.getString("name"), rs.getString("rules"),
        rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
        rs.getInt("helpers_needed"), rs.getBoolean("new_customers_only"), rs.getBoolean("one_task_per_helper"),
        Asset.valueOf(rs.getString("reward_asset")), rs.getLong("reward_amount"), coupon,
        (Long) rs.getObject("reward_catalog_item"), rs.getInt("max_rewards"),
        rs.getBoolean("has_poster"), new Activity.QrArea(rs.getInt("qr_x"), rs.getInt("qr_y"), rs.getInt("qr_size")),
        rs.getString("employee_script"), rs.getString("customer_script"), rs.getString("employee_org_unit"),
        strings(rs.getArray("recommend_tags")), (Long) rs.getObject("recommend_segment_id"), remind,
        Activity.LiveCodeStrategy.valueOf(rs.getString("live_code_strategy")), rs.getInt("invite_ttl_seconds"),
        rs.getInt("device_flag_threshold"), acquirers(id), rs.getTimestamp("created_at").toInstant());
  }

  private List<Activity.Acquirer> acquirers(long activityId) {
    return jdbc.sql("select user_id, welcome from fission_acquirers where activity_id = :id order by position")
        .param("id", activityId).query((rs, i) -> new Activity.Acquirer(rs.getLong(1), rs.getString(2))).list();
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }
}
