package dev.flywheel.analytics.rollup;

import dev.flywheel.event.EventAccepted;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The two rollups behind the recall funnel and campaign activity data, written with the others
 * (rows in key order, idempotent merges): every occurrence time of the recall step types
 * ({@code analytics_occurrences}, set union), and per campaign and customer the first attributed
 * event, its promotion channel, first share and first completion
 * ({@code analytics_campaign_customers}, least-merges).
 */
@Component
public class RecallAndActivityWriter {
  /** The event types whose every occurrence is kept: the recall funnel's steps. */
  public static final Set<String> RECALL_TYPES = Set.of("message_delivered", "message_click", "app_login",
      "coupon_redeemed", "drawdown");
  /** Attributed events that complete a campaign's activity: the finance action it asks for. */
  public static final Set<String> COMPLETIONS = Set.of("investment", "drawdown", "coupon_redeemed");
  private final JdbcClient jdbc;

  RecallAndActivityWriter(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void apply(long tenantId, List<EventAccepted> events) {
    Map<List<String>, TreeSet<Integer>> occurrences = new TreeMap<>(RecallAndActivityWriter::compare);
    Map<List<String>, Row> campaigns = new TreeMap<>(RecallAndActivityWriter::compare);
    for (EventAccepted e : events) {
      int at = Milestones.seconds(e.occurredAt());
      if (RECALL_TYPES.contains(e.type())) {
        occurrences.computeIfAbsent(List.of(e.type(), e.customerId()), k -> new TreeSet<>()).add(at);
      }
      if (e.campaign() != null) {
        campaigns.computeIfAbsent(List.of(e.campaign(), e.customerId()), k -> new Row()).add(e, at);
      }
    }
    if (!occurrences.isEmpty()) {
      writeOccurrences(tenantId, occurrences);
    }
    if (!campaigns.isEmpty()) {
      writeCampaigns(tenantId, campaigns);
    }
  }

  private void writeOccurrences(long tenantId, Map<List<String>, TreeSet<Integer>> rows) {
    List<String> types = new ArrayList<>(), ids = new ArrayList<>(), times = new ArrayList<>();
    rows.forEach((k, v) -> {
      types.add(k.get(0));
      ids.add(k.get(1));
      times.add(v.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")));
    });
    jdbc.sql("""
            insert into analytics_occurrences as o (tenant_id, type, customer_id, times)
            select :tenant, v.t, v.c, v.p::int[]
            from unnest(cast(:t as text[]), cast(:c as text[]), cast(:p as text[])) as v(t, c, p)
            on conflict (tenant_id, type, customer_id) do update set times = analytics_union(o.times, excluded.times)""")
        .param("tenant", tenantId).param("t", types.toArray(String[]::new)).param("c", ids.toArray(String[]::new))
        .param("p", times.toArray(String[]::new)).update();
  }

  private void writeCampaigns(long tenantId, Map<List<String>, Row> rows) {
    int n = rows.size();
    String[] campaign = new String[n], ids = new String[n], channel = new String[n];
    Integer[] joined = new Integer[n], channelAt = new Integer[n], shared = new Integer[n], completed = new Integer[n];
    int i = 0;
    for (var entry : rows.entrySet()) {
      Row r = entry.getValue();
      campaign[i] = entry.getKey().get(0);
      ids[i] = entry.getKey().get(1);
      joined[i] = r.joined;
      channel[i] = r.channel.value;
      channelAt[i] = r.channel.at;
      shared[i] = r.shared;
      completed[i] = r.completed;
      i++;
    }
    jdbc.sql("""
            insert into analytics_campaign_customers as c (tenant_id, campaign, customer_id, joined_at, channel, channel_at,
                                                           shared_at, completed_at)
            select :tenant, v.ca, v.id, v.j, v.ch, v.cha, v.s, v.co
            from unnest(cast(:ca as text[]), cast(:id as text[]), cast(:j as int[]), cast(:ch as text[]),
                        cast(:cha as int[]), cast(:s as int[]), cast(:co as int[])) as v(ca, id, j, ch, cha, s, co)
            on conflict (tenant_id, campaign, customer_id) do update set
              joined_at = least(c.joined_at, excluded.joined_at),
              channel = case when excluded.channel_at is not null and (c.channel_at is null
                  or excluded.channel_at < c.channel_at
                  or (excluded.channel_at = c.channel_at and excluded.channel < c.channel))
                then excluded.channel else c.channel end,
              channel_at = least(c.channel_at, excluded.channel_at),
              shared_at = least(c.shared_at, excluded.shared_at),
              completed_at = least(c.completed_at, excluded.completed_at)""")
        .param("tenant", tenantId).param("ca", campaign).param("id", ids).param("j", joined).param("ch", channel)
        .param("cha", channelAt).param("s", shared).param("co", completed).update();
  }

  /** The promotion channel an attributed event names: attribute channel, else source, else its attribution channel. */
  static String promotionChannel(EventAccepted e) {
    Map<String, Object> a = e.attributes() == null ? Map.of() : e.attributes();
    if (a.get("channel") instanceof String c && !c.isBlank()) {
      return c;
    }
    if (a.get("source") instanceof String s && !s.isBlank()) {
      return s;
    }
    return e.channel();
  }

  private static final class Row {
    Integer joined;
    Integer shared;
    Integer completed;
    final CustomerFold.Stamped channel = new CustomerFold.Stamped();

    void add(EventAccepted e, int at) {
      joined = joined == null ? at : Math.min(joined, at);
      channel.offer(promotionChannel(e), at);
      if ("share".equals(e.type())) {
        shared = shared == null ? at : Math.min(shared, at);
      }
      if (COMPLETIONS.contains(e.type())) {
        completed = completed == null ? at : Math.min(completed, at);
      }
    }
  }

  private static int compare(List<String> a, List<String> b) {
    int c = a.get(0).compareTo(b.get(0));
    return c != 0 ? c : a.get(1).compareTo(b.get(1));
  }
}
