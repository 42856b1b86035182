package dev.flywheel.analytics;

import dev.flywheel.analytics.rollup.RollupFeed;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.flywheel.analytics.funnel.AnalyticsReads;
import dev.flywheel.analytics.funnel.RecallSql;
import java.time.Duration;
import java.time.Instant;
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
  private final AnalyticsReads reads;
  private final RollupFeed feed;

  Recall(JdbcClient jdbc, AnalyticsReads reads, RollupFeed feed) {
    this.feed = feed;
    this.jdbc = jdbc;
    this.reads = reads;
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
    FunnelResult result = reads.run(tenantId, () ->
        Funnels.result(Funnels.params(jdbc.sql(RecallSql.aggregate(STEPS, d.breakdown())), tenantId, d), d));
    return new Answer(result, TARGETS);
  }

  /** Customers who reached step {@code step - 1} but not {@code step} (2..5), in {@code group} (null = all). */
  public List<String> droppedAt(long tenantId, Duration window, Instant from, Instant to, Breakdown breakdown, int step,
      String group) {
    FunnelDefinition d = definition(window, from, to, breakdown);
    Funnels.checkStep(step, STEPS.size());
    feed.catchUp(tenantId);
    return Funnels.dropped(jdbc, RecallSql.reached(STEPS, d.breakdown()), tenantId, d, step, group);
  }

  private static FunnelDefinition definition(Duration window, Instant from, Instant to, Breakdown breakdown) {
    FunnelDefinition d = new FunnelDefinition(STEPS, window, from, to, breakdown);
    Funnels.validate(d);
    return d;
  }
}
