package dev.flywheel.campaign.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for {@code campaigns}, {@code campaign_versions} and {@code campaign_audit}. Every query is
 * scoped by tenant. Callers hold a transaction; {@link #lock} serialises changes to one campaign.
 */
@Repository
public class CampaignStore {
  private static final String COLUMNS = """
      tenant_id, id, name, status, latest_version, active_version, pending_version, starts_at, ends_at,
      created_by, created_at, updated_at""";
  private static final RowMapper<CampaignRow> CAMPAIGN = (rs, n) -> new CampaignRow(rs.getLong("tenant_id"),
      rs.getLong("id"), rs.getString("name"), rs.getString("status"), rs.getInt("latest_version"),
      (Integer) rs.getObject("active_version"), (Integer) rs.getObject("pending_version"),
      instant(rs.getTimestamp("starts_at")), instant(rs.getTimestamp("ends_at")), rs.getString("created_by"),
      instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")));
  private static final RowMapper<VersionRow> VERSION = (rs, n) -> new VersionRow(rs.getInt("version"),
      rs.getString("plan"), rs.getString("state"), rs.getString("created_by"), instant(rs.getTimestamp("created_at")),
      rs.getString("submitted_by"), instant(rs.getTimestamp("submitted_at")), rs.getString("decided_by"),
      instant(rs.getTimestamp("decided_at")), rs.getString("decision_comment"));
  private final JdbcClient jdbc;

  CampaignStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  private static Timestamp ts(Instant i) {
    return i == null ? null : Timestamp.from(i);
  }

  /** Serialises plan checks of one tenant (the exclusive-overlap check reads other campaigns). */
  public void lockTenantPlans(long tenantId) {
    jdbc.sql("select pg_advisory_xact_lock(5001, cast(:t % 2147483647 as int))").param("t", tenantId)
        .query((rs, n) -> 1).list();
  }

  public long insert(long tenantId, String name, String actor, Instant now) {
    return jdbc.sql("""
        insert into campaigns (tenant_id, name, status, latest_version, created_by, created_at, updated_at)
        values (:t, :name, 'DRAFT', 1, :actor, :now, :now) returning id""")
        .param("t", tenantId).param("name", name).param("actor", actor).param("now", ts(now))
        .query(Long.class).single();
  }

  public void insertVersion(long tenantId, long id, int version, String planJson, String state, String actor,
      Instant now) {
    jdbc.sql("""
        insert into campaign_versions (tenant_id, campaign_id, version, plan, state, created_by, created_at,
          submitted_by, submitted_at)
        values (:t, :id, :v, cast(:plan as jsonb), :state, :actor, :now, :submitter, :submitted)""")
        .param("t", tenantId).param("id", id).param("v", version).param("plan", planJson).param("state", state)
        .param("actor", actor).param("now", ts(now))
        .param("submitter", "PENDING".equals(state) ? actor : null)
        .param("submitted", "PENDING".equals(state) ? ts(now) : null, java.sql.Types.TIMESTAMP).update();
  }

  public Optional<CampaignRow> lock(long tenantId, long id) {
    return jdbc.sql("select " + COLUMNS + " from campaigns where tenant_id = :t and id = :id for update")
        .param("t", tenantId).param("id", id).query(CAMPAIGN).optional();
  }

  public Optional<CampaignRow> find(long tenantId, long id) {
    return jdbc.sql("select " + COLUMNS + " from campaigns where tenant_id = :t and id = :id")
        .param("t", tenantId).param("id", id).query(CAMPAIGN).optional();
  }

  /** Newest first; {@code status} null = all. */
  public List<CampaignRow> list(long tenantId, String status, int limit) {
    return jdbc.sql("select " + COLUMNS + " " + """
         from campaigns where tenant_id = :t and (cast(:status as text) is null or status = :status)
         order by id desc limit :limit""")
        .param("t", tenantId).param("status", status).param("limit", limit).query(CAMPAIGN).list();
  }

  public void update(CampaignRow row, Instant now) {
    jdbc.sql("""
        update campaigns set name = :name, status = :status, latest_version = :latest, active_version = :active,
          pending_version = :pending, starts_at = :starts, ends_at = :ends, revision = revision + 1, updated_at = :now
        where tenant_id = :t and id = :id""")
        .param("name", row.name()).param("status", row.status()).param("latest", row.latestVersion())
        .param("active", row.activeVersion()).param("pending", row.pendingVersion())
        .param("starts", ts(row.startsAt())).param("ends", ts(row.endsAt())).param("now", ts(now))
        .param("t", row.tenantId()).param("id", row.id()).update();
  }

  public List<VersionRow> versions(long tenantId, long id) {
    return jdbc.sql("select * from campaign_versions where tenant_id = :t and campaign_id = :id order by version")
        .param("t", tenantId).param("id", id).query(VERSION).list();
  }

  public Optional<VersionRow> version(long tenantId, long id, int version) {
    return jdbc.sql("select * from campaign_versions where tenant_id = :t and campaign_id = :id and version = :v")
        .param("t", tenantId).param("id", id).param("v", version).query(VERSION).optional();
  }

  public void replacePlan(long tenantId, long id, int version, String planJson, String actor, Instant now) {
    jdbc.sql("""
        update campaign_versions set plan = cast(:plan as jsonb), created_by = :actor, created_at = :now
        where tenant_id = :t and campaign_id = :id and version = :v""")
        .param("plan", planJson).param("actor", actor).param("now", ts(now))
        .param("t", tenantId).param("id", id).param("v", version).update();
  }

  public void submitted(long tenantId, long id, int version, String actor, Instant now) {
    jdbc.sql("""
        update campaign_versions set state = 'PENDING', submitted_by = :actor, submitted_at = :now
        where tenant_id = :t and campaign_id = :id and version = :v""")
        .param("actor", actor).param("now", ts(now)).param("t", tenantId).param("id", id).param("v", version).update();
  }

  public void decided(long tenantId, long id, int version, String state, String actor, String comment, Instant now) {
    jdbc.sql("""
        update campaign_versions set state = :state, decided_by = :actor, decided_at = :now, decision_comment = :c
        where tenant_id = :t and campaign_id = :id and version = :v""")
        .param("state", state).param("actor", actor).param("now", ts(now)).param("c", comment)
        .param("t", tenantId).param("id", id).param("v", version).update();
  }

  public void superseded(long tenantId, long id, int version) {
    jdbc.sql("update campaign_versions set state = 'SUPERSEDED' where tenant_id = :t and campaign_id = :id and version = :v")
        .param("t", tenantId).param("id", id).param("v", version).update();
  }

  public void audit(long tenantId, long id, Instant at, String actor, String action, Integer version, String comment,
      String before, String after) {
    jdbc.sql("""
        insert into campaign_audit (tenant_id, campaign_id, at, actor, action, version, comment, before, after)
        values (:t, :id, :at, :actor, :action, :v, :c, cast(:before as jsonb), cast(:after as jsonb))""")
        .param("t", tenantId).param("id", id).param("at", ts(at)).param("actor", actor).param("action", action)
        .param("v", version).param("c", comment).param("before", before).param("after", after).update();
  }

  public List<AuditRow> audit(long tenantId, long id) {
    return jdbc.sql("""
        select id, at, actor, action, version, comment, before::text as before, after::text as after
        from campaign_audit where tenant_id = :t and campaign_id = :id order by id""")
        .param("t", tenantId).param("id", id)
        .query((rs, n) -> new AuditRow(rs.getLong("id"), instant(rs.getTimestamp("at")), rs.getString("actor"),
            rs.getString("action"), (Integer) rs.getObject("version"), rs.getString("comment"),
            rs.getString("before"), rs.getString("after"))).list();
  }

  /** Campaigns whose start or end is due at {@code now}, over all tenants. */
  public List<long[]> due(Instant now) {
    return jdbc.sql("""
        select tenant_id, id from campaigns
        where (status = 'APPROVED' and starts_at <= :now) or (status in ('APPROVED', 'RUNNING', 'PAUSED') and ends_at <= :now)""")
        .param("now", ts(now)).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
  }

  /** The active plan of every running campaign of the tenant. */
  public List<ActivePlan> running(long tenantId) {
    return jdbc.sql("""
        select c.id, c.active_version, v.plan::text as plan from campaigns c
        join campaign_versions v on v.tenant_id = c.tenant_id and v.campaign_id = c.id and v.version = c.active_version
        where c.tenant_id = :t and c.status = 'RUNNING'""")
        .param("t", tenantId)
        .query((rs, n) -> new ActivePlan(rs.getLong("id"), rs.getInt("active_version"), rs.getString("plan"))).list();
  }

  public record ActivePlan(long campaignId, int version, String planJson) {}

  /** Changes whenever any campaign of the tenant changes (revisions only grow). */
  public long generation(long tenantId) {
    return jdbc.sql("select coalesce(sum(revision), 0) + count(*) from campaigns where tenant_id = :t")
        .param("t", tenantId).query(Long.class).single();
  }

  /** The newest plan of every other campaign that has not ended: what a new plan may collide with. */
  public List<ActivePlan> openPlans(long tenantId, long exceptId) {
    return jdbc.sql("""
        select c.id, c.latest_version, v.plan::text as plan from campaigns c
        join campaign_versions v on v.tenant_id = c.tenant_id and v.campaign_id = c.id and v.version = c.latest_version
        where c.tenant_id = :t and c.id <> :id and c.status not in ('ENDED', 'REJECTED')""")
        .param("t", tenantId).param("id", exceptId)
        .query((rs, n) -> new ActivePlan(rs.getLong("id"), rs.getInt("latest_version"), rs.getString("plan"))).list();
  }
}
