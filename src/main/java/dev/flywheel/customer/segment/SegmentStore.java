package dev.flywheel.customer.segment;

import dev.flywheel.customer.Segment;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code segments} table, always scoped by tenant. */
@Component
public class SegmentStore {
  private final JdbcClient jdbc;

  SegmentStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** @return the new segment, or empty when the tenant already has a segment of that name */
  public Optional<Segment> create(long tenantId, String name, String description, String expression,
      String actor, Instant now) {
    return jdbc.sql("""
            insert into segments (tenant_id, name, description, expression, created_by, created_at)
            values (:tenant, :name, :description, :expression, :actor, :now)
            on conflict (tenant_id, name) do nothing
            returning *""")
        .param("tenant", tenantId).param("name", name).param("description", description)
        .param("expression", expression).param("actor", actor).param("now", Timestamp.from(now))
        .query(SegmentStore::map).optional();
  }

  public Optional<Segment> find(long tenantId, long id) {
    return jdbc.sql("select * from segments where tenant_id = :tenant and id = :id")
        .param("tenant", tenantId).param("id", id).query(SegmentStore::map).optional();
  }

  public List<Segment> list(long tenantId) {
    return jdbc.sql("select * from segments where tenant_id = :tenant order by id")
        .param("tenant", tenantId).query(SegmentStore::map).list();
  }

  private static Segment map(ResultSet rs, int row) throws SQLException {
    return new Segment(rs.getLong("id"), rs.getString("name"), rs.getString("description"),
        rs.getString("expression"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());
  }
}
