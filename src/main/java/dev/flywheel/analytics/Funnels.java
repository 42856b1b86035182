package dev.flywheel.analytics;

import dev.flywheel.analytics.rollup.RollupFeed;
import dev.flywheel.analytics.funnel.AnalyticsReads;
import dev.flywheel.analytics.funnel.FunnelSql;
import dev.flywheel.analytics.rollup.MilestoneKeys;
import dev.flywheel.analytics.rollup.Milestones;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Funnels over the per-customer milestone rollup. Semantics (exact, see docs/api/analytics.md):
 * a customer enters at the first time ever they reached step 1, if that falls in
 * {@code [from, to)}; step k counts when the customer's first time at step k is no earlier than
 * their time at step k-1 and no later than entry + window. Times are whole seconds. Thread-safe.
 */
@Service
public class Funnels {
  private final JdbcClient jdbc;
  private final MilestoneKeys keys;
  private final AnalyticsReads reads;
  private final RollupFeed feed;

  Funnels(JdbcClient jdbc, MilestoneKeys keys, AnalyticsReads reads, RollupFeed feed) {
    this.feed = feed;
    this.jdbc = jdbc;
    this.keys = keys;
    this.reads = reads;
  }

  public FunnelResult run(long tenantId, FunnelDefinition definition) {
    validate(definition);
    return reads.run(tenantId, () -> answer(tenantId, definition));
  }

  private FunnelResult answer(long tenantId, FunnelDefinition definition) {
    List<String> columns = columns(tenantId, definition.steps());
    return result(params(jdbc.sql(FunnelSql.aggregate(columns, definition.breakdown())), tenantId, definition),
        definition);
  }

  /**
   * Customers who reached step {@code step - 1} but not step {@code step} (1-based, 2 to N), in
   * {@code group} (null = all groups), by id.
   */
  public List<String> droppedAt(long tenantId, FunnelDefinition definition, int step, String group) {
    validate(definition);
    checkStep(step, definition.steps().size());
    feed.catchUp(tenantId);
    List<String> columns = columns(tenantId, definition.steps());
    return dropped(jdbc, FunnelSql.reached(columns, definition.breakdown()), tenantId, definition, step, group);
  }

  /** Runs an aggregate funnel query (one row per group, one flagged {@code total}): the total and the groups, largest first. */
  static FunnelResult result(JdbcClient.StatementSpec aggregate, FunnelDefinition definition) {
    int n = definition.steps().size();
    List<FunnelResult.Row> rows = new ArrayList<>();
    FunnelResult.Row[] total = {null};
    aggregate.query((rs, i) -> {
      FunnelResult.Row row = row(rs, definition.steps(), n);
      if (rs.getInt("total") == 1) {
        total[0] = row;
      } else {
        rows.add(row);
      }
      return row;
    }).list();
    rows.sort(Comparator.comparingLong((FunnelResult.Row r) -> -r.steps().getFirst().customers())
        .thenComparing(FunnelResult.Row::group));
    return new FunnelResult(definition.steps(), definition.breakdown(), total[0], rows);
  }

  static void checkStep(int step, int steps) {
    if (step < 2 || step > steps) {
      throw Problem.invalid("invalid-step", "The step must be 2 to the number of steps",
          List.of(new FieldIssue("step", "out-of-range", "must be 2 to " + steps)));
    }
  }

  /** The ids of {@code reachedSql}'s customers (columns id, g, s1..sN) at step - 1 but not step, in the group. */
  static List<String> dropped(JdbcClient jdbc, String reachedSql, long tenantId, FunnelDefinition definition, int step,
      String group) {
    return params(jdbc.sql("select id from (" + reachedSql + ") r where s" + (step - 1) + " is not null and s" + step
            + " is null and (cast(:group as text) is null or g = :group) order by id"), tenantId, definition)
        .param("group", group).query(String.class).list();
  }

  static void validate(FunnelDefinition d) {
    List<FieldIssue> issues = new ArrayList<>();
    if (d.steps() == null || d.steps().isEmpty()) {
      issues.add(new FieldIssue("steps", "no-steps", "a funnel needs at least one step"));
    } else if (d.steps().size() > FunnelDefinition.MAX_STEPS) {
      issues.add(new FieldIssue("steps", "too-many-steps", "at most " + FunnelDefinition.MAX_STEPS + " steps"));
    } else {
      for (int i = 0; i < d.steps().size(); i++) {
        String s = d.steps().get(i);
        if (s == null || !s.matches(FunnelDefinition.STEP_PATTERN)) {
          issues.add(new FieldIssue("steps[" + i + "]", "invalid-step", "an event type, type:value or type#2"));
        }
      }
    }
    if (d.window() == null || d.window().isNegative() || d.window().isZero()) {
      issues.add(new FieldIssue("window", "invalid-window", "the conversion window must be positive"));
    } else if (d.window().compareTo(Duration.ofDays(3650)) > 0) {
      issues.add(new FieldIssue("window", "invalid-window", "at most 3,650 days"));
    }
    if (d.from() == null || d.to() == null || !d.from().isBefore(d.to())) {
      issues.add(new FieldIssue("to", "invalid-period", "from must be before to"));
    }
    if (d.breakdown() == null) {
      issues.add(new FieldIssue("breakdown", "invalid-breakdown", "one of " + List.of(Breakdown.values())));
    }
    if (!issues.isEmpty()) {
      throw Problem.invalid(issues.getFirst().code(), "The funnel definition is invalid", issues);
    }
  }

  private List<String> columns(long tenantId, List<String> steps) {
    return steps.stream().map(step -> {
      boolean second = step.endsWith("#2");
      String milestone = second ? step.substring(0, step.length() - 2) : step;
      return keys.find(tenantId, milestone).map(i -> (second ? "c.seconds[" : "c.firsts[") + i + "]").orElse("null::int");
    }).toList();
  }

  /** Binds the tenant, the window and {@code [from, to)} as seconds since the milestone epoch. */
  static JdbcClient.StatementSpec params(JdbcClient.StatementSpec spec, long tenantId, FunnelDefinition d) {
    return spec.param("tenant", tenantId).param("from", clamp(d.from().getEpochSecond() - Milestones.EPOCH.getEpochSecond()))
        .param("to", clamp(d.to().getEpochSecond() - Milestones.EPOCH.getEpochSecond()))
        .param("window", (int) d.window().toSeconds());
  }

  private static int clamp(long seconds) {
    return (int) Math.clamp(seconds, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  static FunnelResult.Row row(ResultSet rs, List<String> steps, int n) throws SQLException {
    List<FunnelResult.Step> result = new ArrayList<>();
    long first = rs.getLong("n1");
    long previous = first;
    for (int k = 1; k <= n; k++) {
      long count = rs.getLong("n" + k);
      double median = rs.getDouble("m" + k);
      Double m = rs.wasNull() ? null : median;
      result.add(new FunnelResult.Step(steps.get(k - 1), count, k == 1 ? 1.0 : share(count, previous), share(count, first), m));
      previous = count;
    }
    return new FunnelResult.Row(rs.getString("g") == null ? "all" : rs.getString("g"), List.copyOf(result));
  }

  private static double share(long part, long whole) {
    return whole == 0 ? 0.0 : (double) part / whole;
  }
}
