package dev.flywheel.analytics;

import dev.flywheel.analytics.rollup.RollupFeed;
import dev.flywheel.analytics.funnel.AnalyticsReads;
import dev.flywheel.analytics.funnel.RetentionSql;
import dev.flywheel.analytics.rollup.MilestoneKeys;
import dev.flywheel.analytics.rollup.Milestones;
import dev.flywheel.analytics.rollup.Periods;
import dev.flywheel.analytics.rollup.ReturnEvents;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Retention cohorts from the milestone rollup (cohort = first occurrence) and the activity
 * rollup (returns per week/month), and the lifecycle-stage distribution over time. Thread-safe.
 */
@Service
public class Retention {
  private final JdbcClient jdbc;
  private final MilestoneKeys keys;

  private final dev.flywheel.customer.Customers customers;
  private final java.time.Clock clock;
  private final AnalyticsReads reads;
  private final RollupFeed feed;

  Retention(JdbcClient jdbc, MilestoneKeys keys, dev.flywheel.customer.Customers customers, java.time.Clock clock,
      AnalyticsReads reads, RollupFeed feed) {
    this.reads = reads;
    this.feed = feed;
    this.customers = customers;
    this.clock = clock;
    this.jdbc = jdbc;
    this.keys = keys;
  }

  public RetentionTable cohorts(long tenantId, RetentionQuery q) {
    validate(q);
    return reads.run(tenantId, () -> answer(tenantId, q));
  }

  private RetentionTable answer(long tenantId, RetentionQuery q) {
    var index = keys.find(tenantId, q.firstEvent());
    if (index.isEmpty()) {
      return new RetentionTable(q, List.of());
    }
    Map<String, long[]> sizes = new LinkedHashMap<>();
    Map<String, Map<Integer, Long>> cells = new LinkedHashMap<>();
    boolean weekly = q.grain() == RetentionQuery.Grain.WEEK;
    int slot = ReturnEvents.slot(q.returnEvent());
    String cohortOf = RetentionSql.cohortPeriod(weekly, "c.firsts[" + index.get() + "]");
    String sql = slot > 0 ? RetentionSql.fromCustomerRows(weekly, cohortOf, index.get(), slot) : """
        with cohort as materialized (
          select c.customer_id, %1$s as c from analytics_customers c
          where c.tenant_id = :tenant and c.firsts[%2$d] >= :from and c.firsts[%2$d] < :to)
        select k.c as cohort, -1 as n, count(*) as customers from cohort k group by k.c
        union all
        select k.c, p - k.c, count(*)
        from cohort k
          join analytics_activity a on a.tenant_id = :tenant and a.type = :returnEvent and a.grain = :grain
                                   and a.customer_id = k.customer_id
          cross join lateral unnest(a.periods) p
        where p >= k.c
        group by 1, 2
        order by 1, 2""".formatted(cohortOf, index.get());
    jdbc.sql(sql).param("tenant", tenantId).param("returnEvent", q.returnEvent())
        .param("grain", q.grain() == RetentionQuery.Grain.WEEK ? "W" : "M")
        .param("from", Milestones.seconds(q.from().atStartOfDay(ZoneOffset.UTC).toInstant()))
        .param("to", Milestones.seconds(q.to().atStartOfDay(ZoneOffset.UTC).toInstant()))
        .query((rs, i) -> {
          int n = rs.getInt("n");
          int c = rs.getInt("cohort");
          String period = (weekly ? Periods.weekStart(c) : Periods.monthStart(c)).toString();
          if (n < 0) {
            sizes.put(period, new long[] {rs.getLong("customers")});
          } else {
            cells.computeIfAbsent(period, p -> new LinkedHashMap<>()).put(n, rs.getLong(3));
          }
          return n;
        }).list();
    boolean week = weekly;
    LocalDate last = null;
    for (var e : cells.entrySet()) {
      LocalDate start = LocalDate.parse(e.getKey());
      int n = e.getValue().keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
      LocalDate end = week ? start.plusWeeks(n) : start.plusMonths(n);
      last = last == null || end.isAfter(last) ? end : last;
    }
    LocalDate lastPeriod = last;
    List<RetentionTable.Cohort> cohorts = new ArrayList<>();
    sizes.forEach((period, size) -> {
      Map<Integer, Long> row = cells.getOrDefault(period, Map.of());
      LocalDate start = LocalDate.parse(period);
      int periods = lastPeriod == null || lastPeriod.isBefore(start) ? 1
          : 1 + (int) (week ? java.time.temporal.ChronoUnit.WEEKS.between(start, lastPeriod)
              : java.time.temporal.ChronoUnit.MONTHS.between(start, lastPeriod));
      List<Long> returned = new ArrayList<>();
      for (int n = 0; n < periods; n++) {
        returned.add(row.getOrDefault(n, 0L));
      }
      cohorts.add(new RetentionTable.Cohort(period, size[0], List.copyOf(returned)));
    });
    return new RetentionTable(q, cohorts);
  }

  /** Customers of a cohort who did NOT return in period {@code n}: a retention cell's lapsed ones. */
  public List<String> lapsed(long tenantId, RetentionQuery q, String cohort, int n) {
    validate(q);
    feed.catchUp(tenantId);
    var index = keys.find(tenantId, q.firstEvent());
    if (index.isEmpty()) {
      return List.of();
    }
    boolean week = q.grain() == RetentionQuery.Grain.WEEK;
    LocalDate start = LocalDate.parse(cohort);
    int c = week ? Periods.week(start) : Periods.month(start);
    return jdbc.sql("""
            select c.customer_id from analytics_customers c
            where c.tenant_id = :tenant and c.firsts[%1$d] >= :from and c.firsts[%1$d] < :to and %2$s = :cohort
              and not exists (select 1 from analytics_activity a where a.tenant_id = :tenant and a.type = :returnEvent
                              and a.grain = :grain and a.customer_id = c.customer_id and a.periods @> array[cast(:period as int)])
            order by 1""".formatted(index.get(), RetentionSql.cohortPeriod(week, "c.firsts[" + index.get() + "]")))
        .param("tenant", tenantId).param("returnEvent", q.returnEvent()).param("grain", week ? "W" : "M")
        .param("from", Milestones.seconds(q.from().atStartOfDay(ZoneOffset.UTC).toInstant()))
        .param("to", Milestones.seconds(q.to().atStartOfDay(ZoneOffset.UTC).toInstant()))
        .param("cohort", c).param("period", c + n)
        .query(String.class).list();
  }

  /**
   * Customers per lifecycle stage at the end of each UTC day in {@code [from, to]}: today's
   * counts from the customer module, walked back through the stage changes recorded per day.
   * Customers created after a day who never changed stage still count as NEW on it.
   */
  public List<StageDay> lifecycle(long tenantId, LocalDate from, LocalDate to) {
    if (from == null || to == null || to.isBefore(from) || from.plusDays(1000).isBefore(to)) {
      throw Problem.invalid("invalid-period", "The period is invalid",
          List.of(new FieldIssue("to", "invalid-period", "from must not be after to, at most 1,000 days")));
    }
    Map<LocalDate, Map<String, Long>> net = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
    jdbc.sql("select day, stage, entered - exited from analytics_lifecycle_daily where tenant_id = :tenant and day > :from")
        .param("tenant", tenantId).param("from", Date.valueOf(from))
        .query((rs, i) -> net.computeIfAbsent(rs.getDate(1).toLocalDate(), d -> new LinkedHashMap<>())
            .merge(rs.getString(2), rs.getLong(3), Long::sum)).list();
    Map<String, Long> counts = new LinkedHashMap<>();
    customers.countByLifecycleStage(tenantId).forEach((stage, n) -> counts.put(stage.name(), n));
    for (var stage : dev.flywheel.customer.LifecycleStage.values()) {
      counts.putIfAbsent(stage.name(), 0L);
    }
    List<StageDay> days = new ArrayList<>();
    var changes = net.entrySet().iterator();
    var pending = changes.hasNext() ? changes.next() : null;
    LocalDate today = LocalDate.now(clock);
    for (LocalDate day = today.isAfter(to) ? today : to; !day.isBefore(from); day = day.minusDays(1)) {
      if (!day.isAfter(to)) {
        for (var e : counts.entrySet()) {
          days.add(new StageDay(day, e.getKey(), e.getValue()));
        }
      }
      while (pending != null && !pending.getKey().isBefore(day)) {
        pending.getValue().forEach((stage, n) -> counts.merge(stage, -n, Long::sum));
        pending = changes.hasNext() ? changes.next() : null;
      }
    }
    return days.reversed();
  }

  /** Customers in a lifecycle stage at the end of a day. */
  public record StageDay(LocalDate day, String stage, long customers) {}

  static void validate(RetentionQuery q) {
    List<FieldIssue> issues = new ArrayList<>();
    if (q.firstEvent() == null || !q.firstEvent().matches(FunnelDefinition.STEP_PATTERN.replace("(#2)?", ""))) {
      issues.add(new FieldIssue("first_event", "invalid-event", "an event type or type:value"));
    }
    if (q.returnEvent() == null || !q.returnEvent().matches("[a-z][a-z0-9_]{0,63}")) {
      issues.add(new FieldIssue("return_event", "invalid-event", "an event type"));
    }
    if (q.grain() == null) {
      issues.add(new FieldIssue("grain", "invalid-grain", "WEEK or MONTH"));
    }
    if (q.from() == null || q.to() == null || !q.from().isBefore(q.to())) {
      issues.add(new FieldIssue("to", "invalid-period", "from must be before to"));
    }
    if (!issues.isEmpty()) {
      throw Problem.invalid(issues.getFirst().code(), "The retention question is invalid", issues);
    }
  }
}
