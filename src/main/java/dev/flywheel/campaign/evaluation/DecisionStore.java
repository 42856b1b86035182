package dev.flywheel.campaign.evaluation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL of the evaluation's own tables: decisions (explanations + stored effects) and the signal
 * outbox. Writes are batched (one JDBC batch per table per ingestion transaction). Thread-safe.
 */
@Component
class DecisionStore {
  static final JsonMapper JSON = JsonMapper.builder().build();
  private final JdbcClient jdbc;
  private final JdbcTemplate template;

  DecisionStore(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  record DecisionRow(long tenantId, String eventId, String customerId, String eventType, int position,
      Outcome outcome) {}

  record SignalRow(long tenantId, long campaignId, String ruleId, String customerId, String name,
      Map<String, Object> payload, String sourceEventId) {}

  void insert(List<DecisionRow> rows, List<SignalRow> signals, Instant now) {
    Timestamp at = Timestamp.from(now);
    if (!rows.isEmpty()) {
      List<Object[]> args = new ArrayList<>(rows.size());
      for (DecisionRow r : rows) {
        Outcome o = r.outcome();
        args.add(new Object[] {r.tenantId(), r.eventId(), o.campaignId(), o.version(), o.campaignName(),
            r.customerId(), r.eventType(), o.applied(), o.reason().name(), o.detail(), JSON.writeValueAsString(o.rules()),
            JSON.writeValueAsString(o.effects()), r.position(), at});
      }
      template.batchUpdate("""
          insert into campaign_decisions (tenant_id, event_id, campaign_id, version, campaign_name, customer_id,
            event_type, applied, reason, detail, rules, effects, position, created_at)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?)""", args);
    }
    if (!signals.isEmpty()) {
      List<Object[]> args = new ArrayList<>(signals.size());
      for (SignalRow s : signals) {
        args.add(new Object[] {s.tenantId(), s.campaignId(), s.ruleId(), s.customerId(), s.name(),
            JSON.writeValueAsString(s.payload()), s.sourceEventId(), at});
      }
      template.batchUpdate("""
          insert into campaign_signals (tenant_id, campaign_id, rule_id, customer_id, name, payload, source_event_id,
            created_at)
          values (?, ?, ?, ?, ?, cast(? as jsonb), ?, ?)
          on conflict (tenant_id, campaign_id, rule_id, source_event_id, name) do nothing""", args);
    }
  }

  /**
   * The effects of applied decisions per event id (one indexed read); every asked id has an entry.
   * A grant is {@code pending} until its {@code available_at}, {@code granted} after.
   */
  @SuppressWarnings("unchecked")
  Map<String, Map<String, Object>> effectsOf(long tenantId, List<String> eventIds, Instant now) {
    Map<String, List<Map<String, Object>>> grants = new LinkedHashMap<>();
    Map<String, LinkedHashSet<String>> tags = new LinkedHashMap<>();
    Map<String, List<Map<String, Object>>> signals = new LinkedHashMap<>();
    for (String id : eventIds) {
      grants.put(id, new ArrayList<>());
      tags.put(id, new LinkedHashSet<>());
      signals.put(id, new ArrayList<>());
    }
    jdbc.sql("""
            select event_id, effects::text from campaign_decisions
            where tenant_id = :tenant and event_id in (:ids) and applied
            order by event_id, position""")
        .param("tenant", tenantId).param("ids", eventIds)
        .query(rs -> {
          String id = rs.getString(1);
          Map<String, Object> effects = JSON.readValue(rs.getString(2), LinkedHashMap.class);
          for (Object g : (List<Object>) effects.getOrDefault("grants", List.of())) {
            Map<String, Object> grant = new LinkedHashMap<>((Map<String, Object>) g);
            Object until = grant.get("available_at");
            grant.put("status", until != null && Instant.parse(until.toString()).isAfter(now) ? "pending" : "granted");
            grants.get(id).add(grant);
          }
          tags.get(id).addAll((List<String>) effects.getOrDefault("tags", List.of()));
          signals.get(id).addAll((List<Map<String, Object>>) effects.getOrDefault("signals", List.of()));
        });
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (String id : eventIds) {
      out.put(id, Map.of("grants", grants.get(id), "tags", List.copyOf(tags.get(id)), "signals", signals.get(id)));
    }
    return out;
  }

  /** A customer's explanations, newest first; for one event when {@code eventId} is given. */
  @SuppressWarnings("unchecked")
  List<Map<String, Object>> explanations(long tenantId, String customerId, String eventId, int limit) {
    return jdbc.sql("""
            select event_id, event_type, campaign_id, campaign_name, version, applied, reason, detail,
                   rules::text, effects::text, created_at
            from campaign_decisions
            where tenant_id = :tenant and customer_id = :customer
              and (cast(:event as text) is null or event_id = :event)
            order by created_at desc, event_id, position
            limit :limit""")
        .param("tenant", tenantId).param("customer", customerId).param("event", eventId).param("limit", limit)
        .query((rs, n) -> {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("event_id", rs.getString(1));
          row.put("event_type", rs.getString(2));
          row.put("campaign_id", rs.getLong(3));
          row.put("campaign", rs.getString(4));
          row.put("version", rs.getInt(5));
          row.put("applied", rs.getBoolean(6));
          row.put("reason", rs.getString(7));
          row.put("detail", rs.getString(8));
          row.put("rules", JSON.readValue(rs.getString(9), List.class));
          row.put("effects", JSON.readValue(rs.getString(10), LinkedHashMap.class));
          row.put("at", rs.getTimestamp(11).toInstant());
          return row;
        }).list();
  }

  /** Signals with id above {@code after}, oldest first (the lending system's cursor). */
  @SuppressWarnings("unchecked")
  List<Map<String, Object>> signals(long tenantId, long after, int limit) {
    return jdbc.sql("""
            select id, campaign_id, rule_id, customer_id, name, payload::text, source_event_id, created_at, delivered_at
            from campaign_signals where tenant_id = :tenant and id > :after order by id limit :limit""")
        .param("tenant", tenantId).param("after", after).param("limit", limit)
        .query((rs, n) -> {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("id", rs.getLong(1));
          row.put("campaign_id", rs.getLong(2));
          row.put("rule", rs.getString(3));
          row.put("customer_id", rs.getString(4));
          row.put("name", rs.getString(5));
          row.put("payload", JSON.readValue(rs.getString(6), LinkedHashMap.class));
          row.put("source_event_id", rs.getString(7));
          row.put("created_at", rs.getTimestamp(8).toInstant());
          Timestamp delivered = rs.getTimestamp(9);
          row.put("delivered_at", delivered == null ? null : delivered.toInstant());
          return row;
        }).list();
  }

  /** Marks signals delivered (first acknowledgement wins); returns how many were newly marked. */
  int acknowledge(long tenantId, List<Long> ids, Instant now) {
    if (ids.isEmpty()) {
      return 0;
    }
    return jdbc.sql("""
            update campaign_signals set delivered_at = :now
            where tenant_id = :tenant and id in (:ids) and delivered_at is null""")
        .param("tenant", tenantId).param("ids", ids).param("now", Timestamp.from(now)).update();
  }
}
