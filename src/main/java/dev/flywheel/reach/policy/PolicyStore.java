package dev.flywheel.reach.policy;

import dev.flywheel.reach.ContactPolicy;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** A tenant's {@link ContactPolicy} as JSON in {@code reach_settings}; defaults until saved. */
@Repository
public class PolicyStore {
  private final JdbcClient jdbc;
  private final Clock clock;
  private final JsonMapper json;

  PolicyStore(JdbcClient jdbc, Clock clock, JsonMapper json) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.json = json;
  }

  public ContactPolicy find(long tenantId) {
    return jdbc.sql("select settings::text from reach_settings where tenant_id = :tenant")
        .param("tenant", tenantId).query(String.class).optional()
        .map(text -> json.readValue(text, ContactPolicy.class))
        .orElseGet(ContactPolicy::defaults);
  }

  public void save(long tenantId, ContactPolicy policy, String actor) {
    jdbc.sql("""
            insert into reach_settings (tenant_id, settings, updated_by, updated_at)
            values (:tenant, cast(:settings as jsonb), :actor, :now)
            on conflict (tenant_id) do update
              set settings = excluded.settings, updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
        .param("tenant", tenantId).param("settings", json.writeValueAsString(policy))
        .param("actor", actor).param("now", Timestamp.from(clock.instant())).update();
  }
}
