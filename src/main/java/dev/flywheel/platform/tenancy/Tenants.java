package dev.flywheel.platform.tenancy;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates and finds tenants. */
@Service
public class Tenants {
  private final JdbcClient jdbc;
  private final Clock clock;

  Tenants(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Transactional
  public Tenant create(String slug, String name, ZoneId timeZone) {
    long id = jdbc.sql("""
            insert into tenants (slug, name, time_zone, created_at) values (:slug, :name, :tz, :now)
            returning id""")
        .param("slug", slug).param("name", name).param("tz", timeZone.getId())
        .param("now", java.sql.Timestamp.from(clock.instant()))
        .query(Long.class).single();
    return find(id).orElseThrow();
  }

  public Optional<Tenant> find(long id) {
    return jdbc.sql("select * from tenants where id = :id").param("id", id).query(Tenants::map).optional();
  }

  public Optional<Tenant> findBySlug(String slug) {
    return jdbc.sql("select * from tenants where slug = :slug").param("slug", slug).query(Tenants::map).optional();
  }

  public List<Tenant> all() {
    return jdbc.sql("select * from tenants order by id").query(Tenants::map).list();
  }

  private static Tenant map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Tenant(rs.getLong("id"), rs.getString("slug"), rs.getString("name"),
        ZoneId.of(rs.getString("time_zone")), rs.getTimestamp("created_at").toInstant());
  }
}
