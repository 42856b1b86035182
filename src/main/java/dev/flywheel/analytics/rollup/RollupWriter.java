package dev.flywheel.analytics.rollup;

import dev.flywheel.event.EventAccepted;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Applies a batch of accepted events to the rollups with a few set-based statements per tenant
 * (customers, activity, recall occurrences and campaign activity, daily; plus funders when there
 * are decisions), rows in key order so concurrent batches cannot deadlock. The
 * customer and activity rollups are idempotent (least/second-least merge, set union): a
 * replayed or late event never double counts there. {@code analytics_daily} adds, so it relies
 * on the event store publishing each event once (it does: duplicates publish nothing); a rebuild
 * clears it first ({@link Rebuild}).
 */
@Component
public class RollupWriter {
  private final JdbcClient jdbc;
  private final MilestoneKeys keys;
  private final RecallAndActivityWriter details;

  RollupWriter(JdbcClient jdbc, MilestoneKeys keys, RecallAndActivityWriter details) {
    this.jdbc = jdbc;
    this.keys = keys;
    this.details = details;
  }

  /**
   * Writes every rollup of these events. The caller holds the tenant's rollup lock shared until
   * its transaction ends (a rebuild takes it exclusively while it clears the rollups and fixes its
   * snapshot, see {@link Rebuild}); {@link RollupFeed} does.
   */
  void write(long tenantId, List<EventAccepted> events) {
    if (events.isEmpty()) {
      return;
    }
    writeCustomerRows(tenantId, events);
    long t2 = System.nanoTime();
    DailyTotals totals = new DailyTotals();
    events.forEach(totals::add);
    totals.write(jdbc, tenantId);
    spent[2].addAndGet(System.nanoTime() - t2);
  }

  /**
   * Writes the rollups keyed by customer ({@code analytics_customers}, {@code analytics_activity},
   * {@code analytics_occurrences}, {@code analytics_campaign_customers}) for {@code events}, with
   * the idempotent merges: a customer's rows come out the same however its events are split
   * into calls, and whatever ran before. Not the additive daily rollups ({@link DailyTotals}).
   */
  void writeCustomerRows(long tenantId, List<EventAccepted> events) {
    Map<String, CustomerFold> folds = new TreeMap<>();
    TreeSet<String> milestones = new TreeSet<>();
    Map<List<Object>, TreeSet<Integer>> activity = new TreeMap<>(DailyTotals::compareKeys);
    for (EventAccepted e : events) {
      CustomerFold fold = folds.computeIfAbsent(e.customerId(), k -> new CustomerFold());
      fold.add(e);
      milestones.addAll(Milestones.of(e.type(), e.attributes()));
      LocalDate day = LocalDate.ofInstant(e.occurredAt(), ZoneOffset.UTC);
      activity.computeIfAbsent(List.of(e.type(), "W", e.customerId()), k -> new TreeSet<>()).add(Periods.week(day));
      activity.computeIfAbsent(List.of(e.type(), "M", e.customerId()), k -> new TreeSet<>()).add(Periods.month(day));
    }
    long t0 = System.nanoTime();
    Map<String, Integer> index = keys.indexes(tenantId, milestones);
    upsertCustomers(tenantId, folds, index);
    long t1 = System.nanoTime();
    insertActivity(tenantId, activity);
    long t2 = System.nanoTime();
    details.apply(tenantId, events);
    spent[0].addAndGet(t1 - t0);
    spent[1].addAndGet(t2 - t1);
    spent[2].addAndGet(System.nanoTime() - t2);
    spent[3].addAndGet(events.size());
  }

  private final AtomicLong[] spent = {new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong()};

  /**
   * Nanoseconds spent so far writing customers, activity, and the other rollups (daily, funders,
   * recall occurrences, campaign activity), and the number of events written: for benchmarks.
   */
  public long[] spent() {
    return Arrays.stream(spent).mapToLong(AtomicLong::get).toArray();
  }

  private void upsertCustomers(long tenantId, Map<String, CustomerFold> folds, Map<String, Integer> index) {
    int n = folds.size();
    String[] ids = new String[n];
    String[] firsts = new String[n];
    String[] seconds = new String[n];
    String[] weeks = new String[n];
    String[] months = new String[n];
    String[][] values = new String[4][n];
    Integer[][] stamps = new Integer[4][n];
    int i = 0;
    for (var entry : folds.entrySet()) {
      CustomerFold f = entry.getValue();
      ids[i] = entry.getKey();
      // seconds padded to the length of firsts, as analytics_second leaves them after any merge:
      // a customer's row is then the same whether written in one statement or merged from many
      int size = f.firsts.keySet().stream().mapToInt(index::get).max().orElse(0);
      firsts[i] = literal(f.firsts, index, size);
      seconds[i] = literal(f.seconds, index, size);
      weeks[i] = literal(f.returnWeeks);
      months[i] = literal(f.returnMonths);
      CustomerFold.Stamped[] attrs = {f.channel, f.variant, f.funder, f.campaign};
      for (int a = 0; a < 4; a++) {
        values[a][i] = attrs[a].value;
        stamps[a][i] = attrs[a].at;
      }
      i++;
    }
    jdbc.sql("""
            insert into analytics_customers as c (tenant_id, customer_id, firsts, seconds, channel, channel_at,
                                                  variant, variant_at, funder, funder_at, campaign, campaign_at,
                                                  return_weeks, return_months)
            select :tenant, v.id, v.f::int[], v.s::int[], v.ch, v.ch_at, v.va, v.va_at, v.fu, v.fu_at, v.ca, v.ca_at,
                   v.rw::int[], v.rm::int[]
            from unnest(cast(:ids as text[]), cast(:firsts as text[]), cast(:seconds as text[]),
                        cast(:ch as text[]), cast(:chAt as int[]), cast(:va as text[]), cast(:vaAt as int[]),
                        cast(:fu as text[]), cast(:fuAt as int[]), cast(:ca as text[]), cast(:caAt as int[]),
                        cast(:rw as text[]), cast(:rm as text[]))
              as v(id, f, s, ch, ch_at, va, va_at, fu, fu_at, ca, ca_at, rw, rm)
            on conflict (tenant_id, customer_id) do update set
              firsts = analytics_least(c.firsts, excluded.firsts),
              seconds = analytics_second(c.firsts, c.seconds, excluded.firsts, excluded.seconds),
              return_weeks = analytics_union(c.return_weeks, excluded.return_weeks),
              return_months = analytics_union(c.return_months, excluded.return_months),
              channel = case when %s then excluded.channel else c.channel end,
              channel_at = least(c.channel_at, excluded.channel_at),
              variant = case when %s then excluded.variant else c.variant end,
              variant_at = least(c.variant_at, excluded.variant_at),
              funder = case when %s then excluded.funder else c.funder end,
              funder_at = least(c.funder_at, excluded.funder_at),
              campaign = case when %s then excluded.campaign else c.campaign end,
              campaign_at = least(c.campaign_at, excluded.campaign_at)"""
            .formatted(earlier("channel"), earlier("variant"), earlier("funder"), earlier("campaign")))
        .param("tenant", tenantId).param("ids", ids).param("firsts", firsts).param("seconds", seconds)
        .param("ch", values[0]).param("chAt", stamps[0]).param("va", values[1]).param("vaAt", stamps[1])
        .param("fu", values[2]).param("fuAt", stamps[2]).param("ca", values[3]).param("caAt", stamps[3])
        .param("rw", weeks).param("rm", months)
        .update();
  }

  /** Whether the incoming value of {@code a} wins: seen earlier, or at the same time but smaller. */
  private static String earlier(String a) {
    return ("excluded.%1$s_at is not null and (c.%1$s_at is null or excluded.%1$s_at < c.%1$s_at"
        + " or (excluded.%1$s_at = c.%1$s_at and excluded.%1$s < c.%1$s))").formatted(a);
  }

  private void insertActivity(long tenantId, Map<List<Object>, TreeSet<Integer>> activity) {
    List<String> types = new ArrayList<>(), grains = new ArrayList<>(), ids = new ArrayList<>(), periods = new ArrayList<>();
    activity.forEach((k, v) -> {
      types.add((String) k.get(0));
      grains.add((String) k.get(1));
      ids.add((String) k.get(2));
      periods.add(v.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",", "{", "}")));
    });
    jdbc.sql("""
            insert into analytics_activity as a (tenant_id, type, grain, customer_id, periods)
            select :tenant, v.t, v.g, v.c, v.p::int[]
            from unnest(cast(:t as text[]), cast(:g as text[]), cast(:c as text[]), cast(:p as text[])) as v(t, g, c, p)
            on conflict (tenant_id, type, grain, customer_id) do update set periods = analytics_union(a.periods, excluded.periods)
              where not (excluded.periods <@ a.periods)""")
        .param("tenant", tenantId).param("t", types.toArray(String[]::new)).param("g", grains.toArray(String[]::new))
        .param("c", ids.toArray(String[]::new)).param("p", periods.toArray(String[]::new)).update();
  }

  private static String literal(java.util.SortedSet<Integer> periods) {
    return periods.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",", "{", "}"));
  }

  private static String literal(Map<String, Integer> times, Map<String, Integer> index, int size) {
    if (size == 0) {
      return "{}";
    }
    String[] cells = new String[size];
    java.util.Arrays.fill(cells, "NULL");
    times.forEach((m, t) -> cells[index.get(m) - 1] = Integer.toString(t));
    return "{" + String.join(",", cells) + "}";
  }
}
