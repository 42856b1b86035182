package dev.flywheel.analytics;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.flywheel.analytics.funnel.RecallSql;
import dev.flywheel.analytics.rollup.Milestones;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The recall funnel (seed 003): reached → clicked → logged in → coupon used → drawdown, over
 * every occurrence of those events, not just the first ever (a dormant customer logged in long
 * before being recalled). A customer enters at their first {@code message_delivered} in
 * {@code [from, to)}; each later step is the first event of its type at or after the previous
 * step and within the window from entry. Whole seconds. Thread-safe.
 */
@Service
public class Recall {
  /** The steps, as event types: reach's delivery, the tracked click, login, coupon use, drawdown. */
  public static final List<String> STEPS = List.of("message_delivered", "message_click", "app_login",
      "coupon_redeemed", "drawdown");
  /** Seed-003 targets, as a share of the previous step: click ≥ 20 %, login 80–90 %, drawdown ≥ 50 %. */
  public static final List<Target> TARGETS = List.of(new Target("message_click", 0.20, null),
      new Target("app_login", 0.80, 0.90), new Target("drawdown", 0.50, null));
  private final JdbcClient jdbc;

  Recall(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A target share of the previous step's customers; {@code max} null = no upper bound. */
  public record Target(String step, @JsonProperty("min_rate") double min, @JsonProperty("max_rate") Double max) {
    public boolean met(double rate) {
      return rate >= min && (max == null || rate <= max);
    }
  }

  /** The funnel's answer plus the targets to draw beside it. */
  public record Answer(FunnelResult result, List<Target> targets) {}

  public Answer run(long tenantId, Duration window, Instant from, Instant to, Breakdown breakdown) {
    FunnelDefinition d = definition(window, from, to, breakdown);
    List<FunnelResult.Row> rows = new ArrayList<>();
    FunnelResult.Row[] total = {null};
    params(jdbc.sql(RecallSql.aggregate(STEPS, d.breakdown())), tenantId, d).query((rs, i) -> {
      FunnelResult.Row row = Funnels.row(rs, STEPS, STEPS.size());
      if (rs.getInt("total") == 1) {
        total[0] = row;
      } else {
        rows.add(row);
      }
      return row;
    }).list();
    rows.sort(Comparator.comparingLong((FunnelResult.Row r) -> -r.steps().getFirst().customers())
        .thenComparing(FunnelResult.Row::group));
    return new Answer(new FunnelResult(STEPS, d.breakdown(), total[0], rows), TARGETS);
  }

  /** Customers who reached step {@code step - 1} but not {@code step} (2..5), in {@code group} (null = all). */
  public List<String> droppedAt(long tenantId, Duration window, Instant from, Instant to, Breakdown breakdown, int step,
      String group) {
    FunnelDefinition d = definition(window, from, to, breakdown);
    if (step < 2 || step > STEPS.size()) {
      throw Problem.invalid("invalid-step", "The step must be 2 to the number of steps",
          List.of(new FieldIssue("step", "out-of-range", "must be 2 to " + STEPS.size())));
    }
    return params(jdbc.sql("select id from (" + RecallSql.reached(STEPS, d.breakdown()) + ") r where s" + (step - 1)
        + " is not null and s" + step + " is null and (cast(:group as text) is null or g = :group) order by id"), tenantId, d)
        .param("group", group).query(String.class).list();
  }

  private static FunnelDefinition definition(Duration window, Instant from, Instant to, Breakdown breakdown) {
    FunnelDefinition d = new FunnelDefinition(STEPS, window, from, to, breakdown);
    Funnels.validate(d);
    return d;
  }

  private static JdbcClient.StatementSpec params(JdbcClient.StatementSpec spec, long tenantId, FunnelDefinition d) {
    return spec.param("tenant", tenantId).param("from", clamp(d.from().getEpochSecond() - Milestones.EPOCH.getEpochSecond()))
        .param("to", clamp(d.to().getEpochSecond() - Milestones.EPOCH.getEpochSecond()))
        .param("window", (int) d.window().toSeconds());
  }

  private static int clamp(long seconds) {
    return (int) Math.clamp(seconds, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }
}
