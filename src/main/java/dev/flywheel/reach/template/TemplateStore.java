package dev.flywheel.reach.template;

import dev.flywheel.reach.Channel;
import dev.flywheel.reach.MessageTemplate;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Templates, their variants and their saved versions in {@code reach_template*}. */
@Repository
public class TemplateStore {
  private final JdbcClient jdbc;
  private final Clock clock;
  private final JsonMapper json;

  TemplateStore(JdbcClient jdbc, Clock clock, JsonMapper json) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.json = json;
  }

  /** Creates the template or saves a new version of it; the caller validated the draft. */
  public MessageTemplate save(long tenantId, MessageTemplate.Draft draft, String actor) {
    Timestamp now = Timestamp.from(clock.instant());
    long id = jdbc.sql("""
            insert into reach_templates (tenant_id, key, channel, best_time, goal_event, created_at, updated_at)
            values (:tenant, :key, :channel, :best, :goal, :now, :now)
            on conflict (tenant_id, channel, key) do update
              set version = reach_templates.version + 1, best_time = excluded.best_time,
                  goal_event = excluded.goal_event, updated_at = excluded.updated_at
            returning id""")
        .param("tenant", tenantId).param("key", draft.key()).param("channel", draft.channel().name())
        .param("best", draft.bestTime()).param("goal", draft.goalEvent()).param("now", now)
        .query(Long.class).single();
    jdbc.sql("delete from reach_template_variants where template_id = :id").param("id", id).update();
    int position = 0;
    for (MessageTemplate.Variant v : draft.variants()) {
      jdbc.sql("""
              insert into reach_template_variants (template_id, name, position, weight, subject, body)
              values (:id, :name, :pos, :weight, :subject, :body)""")
          .param("id", id).param("name", v.name()).param("pos", position++).param("weight", v.weight())
          .param("subject", v.subject()).param("body", v.body()).update();
    }
    MessageTemplate saved = find(tenantId, id).orElseThrow();
    jdbc.sql("""
            insert into reach_template_versions (template_id, version, content, saved_by, saved_at)
            values (:id, :version, cast(:content as jsonb), :actor, :now)""")
        .param("id", id).param("version", saved.version()).param("content", json.writeValueAsString(saved))
        .param("actor", actor).param("now", now).update();
    return saved;
  }

  public Optional<MessageTemplate> find(long tenantId, long id) {
    return one("t.tenant_id = :tenant and t.id = :id", Map.of("tenant", tenantId, "id", id));
  }

  public Optional<MessageTemplate> find(long tenantId, Channel channel, String key) {
    return one("t.tenant_id = :tenant and t.channel = :channel and t.key = :key",
        Map.of("tenant", tenantId, "channel", channel.name(), "key", key));
  }

  public List<MessageTemplate> list(long tenantId) {
    return query("t.tenant_id = :tenant", Map.of("tenant", tenantId));
  }

  /** Saved versions, newest first: version, who, when. */
  public List<Map<String, Object>> versions(long tenantId, long id) {
    return jdbc.sql("""
            select v.version, v.saved_by, v.saved_at from reach_template_versions v
            join reach_templates t on t.id = v.template_id
            where t.tenant_id = :tenant and t.id = :id order by v.version desc""")
        .param("tenant", tenantId).param("id", id)
        .query((rs, n) -> Map.<String, Object>of("version", rs.getInt(1), "saved_by", rs.getString(2),
            "saved_at", rs.getTimestamp(3).toInstant()))
        .list();
  }

  private Optional<MessageTemplate> one(String where, Map<String, Object> params) {
    return query(where, params).stream().findFirst();
  }

  private List<MessageTemplate> query(String where, Map<String, Object> params) {
    Map<Long, Object[]> rows = new LinkedHashMap<>();
    Map<Long, List<MessageTemplate.Variant>> variants = new LinkedHashMap<>();
    jdbc.sql("""
            select t.id, t.key, t.channel, t.version, t.best_time, t.goal_event, t.updated_at,
                   v.name, v.weight, v.subject, v.body
            from reach_templates t left join reach_template_variants v on v.template_id = t.id
            """ + " where " + where + " order by t.key, t.channel, v.position")
        .params(params)
        .query(rs -> {
          long id = rs.getLong(1);
          rows.computeIfAbsent(id, k -> {
            try {
              return new Object[] {rs.getString(2), Channel.valueOf(rs.getString(3)), rs.getInt(4),
                  rs.getBoolean(5), rs.getString(6), rs.getTimestamp(7).toInstant()};
            } catch (java.sql.SQLException e) {
              throw new IllegalStateException(e);
            }
          });
          List<MessageTemplate.Variant> list = variants.computeIfAbsent(id, k -> new ArrayList<>());
          if (rs.getString(8) != null) {
            list.add(new MessageTemplate.Variant(rs.getString(8), rs.getInt(9), rs.getString(10), rs.getString(11)));
          }
        });
    List<MessageTemplate> out = new ArrayList<>();
    rows.forEach((id, r) -> out.add(new MessageTemplate(id, (String) r[0], (Channel) r[1], (Integer) r[2],
        (Boolean) r[3], (String) r[4], variants.get(id), (java.time.Instant) r[5])));
    return out;
  }
}
