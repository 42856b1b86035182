package dev.flywheel.event.types;

import dev.flywheel.event.AttributeSchema;
import dev.flywheel.event.AttributeType;
import dev.flywheel.event.EventType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@code event_types} table: tenants' own event types. Every query is scoped by tenant. */
@Repository
public class CustomTypes {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final JdbcClient jdbc;

  CustomTypes(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** @return false when the tenant already has a type of that name (nothing written) */
  public boolean insert(long tenantId, EventType type, Instant now) {
    return jdbc.sql("""
            insert into event_types (tenant_id, name, description, attributes, created_at)
            values (:tenant, :name, :description, cast(:attributes as jsonb), :now)
            on conflict do nothing""")
        .param("tenant", tenantId).param("name", type.name()).param("description", type.description())
        .param("attributes", JSON.writeValueAsString(type.attributes().stream().map(CustomTypes::toJson).toList()))
        .param("now", Timestamp.from(now))
        .update() == 1;
  }

  /** The tenant's types by name, in name order. */
  public Map<String, EventType> all(long tenantId) {
    Map<String, EventType> types = new LinkedHashMap<>();
    jdbc.sql("select name, description, attributes::text from event_types where tenant_id = :tenant order by name")
        .param("tenant", tenantId)
        .query(CustomTypes::map)
        .list()
        .forEach(t -> types.put(t.name(), t));
    return types;
  }

  private static EventType map(ResultSet rs, int row) throws SQLException {
    List<AttributeSchema> attributes = new ArrayList<>();
    for (JsonNode a : JSON.readTree(rs.getString(3))) {
      List<String> values = new ArrayList<>();
      a.path("values").forEach(v -> values.add(v.asString()));
      attributes.add(new AttributeSchema(a.path("name").asString(),
          AttributeType.fromJsonName(a.path("type").asString()).orElseThrow(),
          a.path("required").asBoolean(), values, null));
    }
    return new EventType(rs.getString(1), rs.getString(2), false, attributes);
  }

  private static Map<String, Object> toJson(AttributeSchema a) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", a.name());
    json.put("type", a.type().jsonName());
    json.put("required", a.required());
    if (!a.values().isEmpty()) {
      json.put("values", a.values());
    }
    return json;
  }
}
