package dev.flywheel.journey.store;

import dev.flywheel.journey.Journey;
import dev.flywheel.journey.JourneyDefinition;
import dev.flywheel.journey.JourneyTrigger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code journeys} and {@code journey_versions} tables. Published versions never change, so
 * their parsed definitions are cached for good.
 */
@Component
public class JourneyStore {
  private static final String COLUMNS = """
      select tenant_id, id, name, template, status, draft::text, active_version, created_by, created_at, updated_at
      from journeys""";
  private final JdbcClient jdbc;
  private final JourneyJson json;
  private final Map<String, JourneyDefinition> versions = new ConcurrentHashMap<>();

  JourneyStore(JdbcClient jdbc, JourneyJson json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  public long insert(long tenantId, JourneyDefinition draft, String template, String actor, Instant now) {
    return jdbc.sql("""
            insert into journeys (tenant_id, name, template, status, draft, created_by, created_at, updated_at)
            values (:t, :name, :template, 'DRAFT', cast(:draft as jsonb), :actor, :now, :now) returning id""")
        .param("t", tenantId).param("name", draft.name()).param("template", template)
        .param("draft", json.write(draft)).param("actor", actor).param("now", Timestamp.from(now))
        .query(Long.class).single();
  }

  public Optional<JourneyRow> find(long tenantId, long id) {
    return jdbc.sql(COLUMNS + " where tenant_id = :t and id = :id").param("t", tenantId).param("id", id)
        .query(JourneyStore::row).optional();
  }

  public Optional<JourneyRow> lock(long tenantId, long id) {
    return jdbc.sql(COLUMNS + " where tenant_id = :t and id = :id for update").param("t", tenantId).param("id", id)
        .query(JourneyStore::row).optional();
  }

  public List<JourneyRow> list(long tenantId) {
    return jdbc.sql(COLUMNS + " where tenant_id = :t order by id desc").param("t", tenantId)
        .query(JourneyStore::row).list();
  }

  public void updateDraft(long tenantId, long id, JourneyDefinition draft, Instant now) {
    jdbc.sql("update journeys set draft = cast(:draft as jsonb), name = :name, updated_at = :now where tenant_id = :t and id = :id")
        .param("draft", json.write(draft)).param("name", draft.name()).param("now", Timestamp.from(now))
        .param("t", tenantId).param("id", id).update();
  }

  public void setStatus(long tenantId, long id, String status, Integer activeVersion, Instant now) {
    jdbc.sql("""
            update journeys set status = :status, active_version = :version, updated_at = :now
            where tenant_id = :t and id = :id""")
        .param("status", status).param("version", activeVersion).param("now", Timestamp.from(now))
        .param("t", tenantId).param("id", id).update();
  }

  /** Inserts the next version number (the caller holds the journey's lock) and returns it. */
  public int publish(long tenantId, long id, JourneyDefinition definition, String actor, Instant now) {
    JourneyTrigger trigger = definition.trigger();
    return jdbc.sql("""
            insert into journey_versions (tenant_id, journey_id, version, definition, trigger_kind, trigger_event,
              published_by, published_at)
            select :t, :id, coalesce(max(version), 0) + 1, cast(:def as jsonb), :kind, :event, :actor, :now
            from journey_versions where tenant_id = :t and journey_id = :id
            returning version""")
        .param("t", tenantId).param("id", id).param("def", json.write(definition))
        .param("kind", trigger.kind().name()).param("event", trigger.eventType())
        .param("actor", actor).param("now", Timestamp.from(now))
        .query(Integer.class).single();
  }

  public List<Journey.Version> versions(long tenantId, long id) {
    return jdbc.sql("""
            select version, definition::text, published_by, published_at from journey_versions
            where tenant_id = :t and journey_id = :id order by version""")
        .param("t", tenantId).param("id", id)
        .query((rs, n) -> new Journey.Version(rs.getInt(1), json.definition(rs.getString(2)), rs.getString(3),
            rs.getTimestamp(4).toInstant()))
        .list();
  }

  /** A published version's definition (cached: versions are immutable). */
  public JourneyDefinition definition(long tenantId, long journeyId, int version) {
    return versions.computeIfAbsent(tenantId + "/" + journeyId + "/" + version, k -> jdbc.sql("""
            select definition::text from journey_versions where tenant_id = :t and journey_id = :id and version = :v""")
        .param("t", tenantId).param("id", journeyId).param("v", version)
        .query(String.class).optional().map(json::definition)
        .orElseThrow(() -> new IllegalStateException("journey " + journeyId + " has no version " + version)));
  }

  /** Every published (ACTIVE or PAUSED) journey of a tenant with its status and active version. */
  public List<Published> published(long tenantId) {
    return jdbc.sql("""
            select id, status, active_version from journeys
            where tenant_id = :t and status in ('ACTIVE', 'PAUSED')""")
        .param("t", tenantId)
        .query((rs, n) -> new Published(rs.getLong(1), rs.getString(2), rs.getInt(3)))
        .list();
  }

  /** All tenants with an active journey whose trigger is {@code kind}: [tenant, journey, version]. */
  public List<long[]> activeWithTrigger(String kind) {
    return jdbc.sql("""
            select j.tenant_id, j.id, j.active_version from journeys j
            join journey_versions v on v.tenant_id = j.tenant_id and v.journey_id = j.id and v.version = j.active_version
            where j.status = 'ACTIVE' and v.trigger_kind = :kind""")
        .param("kind", kind)
        .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
        .list();
  }

  public record Published(long journeyId, String status, int activeVersion) {
    public boolean active() {
      return "ACTIVE".equals(status);
    }
  }

  private static JourneyRow row(ResultSet rs, int n) throws SQLException {
    return new JourneyRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getString(6), (Integer) rs.getObject(7), rs.getString(8), rs.getTimestamp(9).toInstant(),
        rs.getTimestamp(10).toInstant());
  }
}
