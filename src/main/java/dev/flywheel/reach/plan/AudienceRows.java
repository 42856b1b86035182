package dev.flywheel.reach.plan;

import dev.flywheel.reach.AudienceSend;
import dev.flywheel.reach.ContactPolicy;
import dev.flywheel.reach.MessageCategory;
import dev.flywheel.reach.MessageTemplate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The set-based insert of one page of an audience send (see {@link AudiencePlanning}). */
@Repository
class AudienceRows {
  private static final int NO_CAP = 1_000_000;
  private final JdbcClient jdbc;
  private final JsonMapper json;

  AudienceRows(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  record Plan(AudienceSend send, MessageTemplate template, ContactPolicy policy, Instant notBefore,
      Instant plannedAt, Instant now) {}

  /**
   * Customers whose touches already reach a cap (or the minimum interval) at the planned time are
   * DEFERRED to when the earliest touch of that window leaves it (a lower bound: dispatch decides
   * exactly) with the cap's reason, and skipped when that is past the expiry.
   *
   * History: only the DEFERRED rows get a history row here (a planned message's creation is its
   * row's {@code created_at}); every later change is recorded as for single sends.
   *
   * @return {planned, deferred}
   */
  long[] insert(Plan p, List<String> ids) {
    if (ids.isEmpty()) {
      return new long[2];
    }
    AudienceSend s = p.send();
    ContactPolicy.Caps caps = p.policy().caps(s.channel());
    List<MessageTemplate.Variant> variants = p.template().variants();
    String[] names = variants.stream().map(MessageTemplate.Variant::name).toArray(String[]::new);
    Long[] upTo = new Long[names.length];
    long total = 0;
    for (int i = 0; i < names.length; i++) {
      total += variants.get(i).weight();
      upTo[i] = total;
    }
    String ch = s.channel().name().toLowerCase(java.util.Locale.ROOT);
    String sqlText = SQL.replace("VARIANT", variantCase(upTo.length));
    Map<String, Object> counts = bind(jdbc.sql(sqlText), p, ids, names, upTo, caps, ch, total, s)
        .query().singleRow();
    return new long[] {((Number) counts.get("planned")).longValue(), ((Number) counts.get("deferred")).longValue()};
  }

  private JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Plan p, List<String> ids, String[] names,
      Long[] upTo, ContactPolicy.Caps caps, String ch, long total, AudienceSend s) {
    return spec
        .param("tenant", s.tenantId()).param("ids", ids.toArray(String[]::new))
        .param("channel", s.channel().name()).param("day", MessageRows.ts(p.plannedAt().minus(Duration.ofDays(1))))
        .param("week", MessageRows.ts(p.plannedAt().minus(Duration.ofDays(7))))
        .param("planned", MessageRows.ts(p.plannedAt())).param("notBefore", MessageRows.ts(p.notBefore()))
        .param("expires", MessageRows.ts(s.expiresAt())).param("now", MessageRows.ts(p.now()))
        .param("interval", p.policy().minIntervalMinutes())
        .param("exempt", s.category() == MessageCategory.TRANSACTIONAL)
        .param("chDay", cap(caps.perDay())).param("chWeek", cap(caps.perWeek()))
        .param("allDay", cap(p.policy().totalPerDay())).param("allWeek", cap(p.policy().totalPerWeek()))
        .param("capDay", "cap-daily-" + ch).param("capWeek", "cap-weekly-" + ch)
        .param("experiment", "template/" + p.template().id()).param("total", Math.max(total, 1))
        .params(variantParams(names, upTo))
        .param("category", s.category().name()).param("key", p.template().key())
        .param("template", p.template().id()).param("version", p.template().version())
        .param("source", s.source()).param("prefix", s.dedupePrefix())
        .param("values", json.writeValueAsString(s.values()));
  }

  /** {@code case when r.point < :upTo0 then :name0 … end}: the variant whose weight range holds the bucket. */
  private static String variantCase(int count) {
    StringBuilder sql = new StringBuilder("case");
    for (int i = 0; i < count; i++) {
      sql.append(" when r.point < :upTo").append(i).append(" then cast(:name").append(i).append(" as text)");
    }
    return sql.append(" end").toString();
  }

  private static Map<String, Object> variantParams(String[] names, Long[] upTo) {
    Map<String, Object> params = new java.util.HashMap<>();
    for (int i = 0; i < names.length; i++) {
      params.put("name" + i, names[i]);
      params.put("upTo" + i, upTo[i]);
    }
    return params;
  }

  private static int cap(Integer value) {
    return value == null ? NO_CAP : value;
  }

  private static final String SQL = """
      with ids as (select unnest(cast(:ids as text[])) as id),
      p as (select cast(:values as jsonb) as values_json),
      t as (
        select customer_id, max(at) as last_at,
          count(*) filter (where channel = :channel and at > :day) as ch_day,
          count(*) filter (where channel = :channel) as ch_week,
          count(*) filter (where at > :day) as all_day,
          count(*) as all_week,
          min(at) filter (where channel = :channel and at > :day) as ch_day_first,
          min(at) filter (where channel = :channel) as ch_week_first,
          min(at) filter (where at > :day) as all_day_first,
          min(at) as all_week_first
        from reach_touches join ids on ids.id = reach_touches.customer_id
        where tenant_id = :tenant and at > :week
        group by customer_id),
      b as (
        select ids.id,
          case when t.last_at + make_interval(mins => :interval) > :planned
            then t.last_at + make_interval(mins => :interval) end as b_interval,
          case when t.ch_day >= :chDay then t.ch_day_first + interval '1 day' end as b_ch_day,
          case when t.ch_week >= :chWeek then t.ch_week_first + interval '7 days' end as b_ch_week,
          case when t.all_day >= :allDay then t.all_day_first + interval '1 day' end as b_all_day,
          case when t.all_week >= :allWeek then t.all_week_first + interval '7 days' end as b_all_week,
          ('x' || substr(md5(:experiment || ':' || ids.id), 1, 8))::bit(32)::bigint % 10000 * :total / 10000
            as point
        from ids left join t on t.customer_id = ids.id),
      d as (
        select b.*, case when :exempt then null
          else greatest(b_interval, b_ch_day, b_ch_week, b_all_day, b_all_week) end as until
        from b),
      r as (
        select d.*, case
            when until is null then null
            when until = b_all_week then 'cap-weekly-total'
            when until = b_all_day then 'cap-daily-total'
            when until = b_ch_week then :capWeek
            when until = b_ch_day then :capDay
            else 'min-interval' end as reason
        from d
        where until is null or cast(:expires as timestamptz) is null or until < :expires),
      ins as (
        insert into reach_messages (tenant_id, customer_id, channel, category, template_key, template_id,
          template_version, variant, source, dedupe_key, status, status_reason, not_before, planned_at, expires_at,
          values_json, created_at, updated_at)
        select :tenant, r.id, :channel, :category, :key, :template, :version,
          VARIANT,
          :source, :prefix || r.id, case when r.until is null then 'PLANNED' else 'DEFERRED' end, r.reason,
          :notBefore, coalesce(r.until, :planned), :expires, p.values_json, :now, :now
        from r cross join p
        on conflict (tenant_id, dedupe_key) do nothing
        returning id, status, status_reason),
      h as (
        insert into reach_message_history (message_id, tenant_id, status, reason, at)
        select id, :tenant, status, status_reason, :now from ins where status = 'DEFERRED')
      select count(*) filter (where status = 'PLANNED') as planned,
             count(*) filter (where status = 'DEFERRED') as deferred
      from ins""";
}
