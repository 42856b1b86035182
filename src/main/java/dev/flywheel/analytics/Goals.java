package dev.flywheel.analytics;

import dev.flywheel.analytics.rollup.RollupFeed;
import dev.flywheel.analytics.goal.GoalStore;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Goals and daily pacing. The plan spreads the target over the period's days by a weekday
 * profile learned from the 8 weeks before the period; from today on, the remaining target is
 * spread over the remaining days the same way. Days are UTC days; actuals come from the daily
 * rollup, so they are fresh with every ingested event. Thread-safe.
 */
@Service
public class Goals {
  private static final int SCALE = 2;
  private final GoalStore store;
  private final Clock clock;
  private final RollupFeed feed;

  Goals(GoalStore store, Clock clock, RollupFeed feed) {
    this.feed = feed;
    this.store = store;
    this.clock = clock;
  }

  public Goal create(long tenantId, Goal draft, String actor) {
    validate(draft);
    Goal goal = new Goal(0, draft.name(), draft.metric(), draft.periodStart(), draft.periodEnd(), draft.target(),
        draft.alertPercent(), draft.components() == null ? List.of() : draft.components(), actor, clock.instant());
    return store.insert(tenantId, goal)
        .orElseThrow(() -> Problem.conflict("goal-name-taken", "A goal named " + draft.name() + " exists"));
  }

  public List<Goal> list(long tenantId) {
    return store.list(tenantId);
  }

  public Goal find(long tenantId, long id) {
    return store.find(tenantId, id).orElseThrow(() -> Problem.notFound("goal", String.valueOf(id)));
  }

  public void delete(long tenantId, long id) {
    if (!store.delete(tenantId, id)) {
      throw Problem.notFound("goal", String.valueOf(id));
    }
  }

  public GoalPacing pacing(long tenantId, long id) {
    Goal goal = find(tenantId, id);
    feed.catchUp(tenantId);
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    Goal.Metric metric = goal.metric();
    double[] weights = weekdayWeights(tenantId, metric, goal.periodStart());
    Map<LocalDate, BigDecimal> actuals = store.daily(tenantId, metric.types(), metric.amount(),
        goal.periodStart().minusDays(7), goal.periodEnd());
    List<LocalDate> days = goal.periodStart().datesUntil(goal.periodEnd().plusDays(1)).toList();
    double planWeight = days.stream().mapToDouble(d -> weights[d.getDayOfWeek().getValue() - 1]).sum();
    double remainingWeight = days.stream().filter(d -> !d.isBefore(today))
        .mapToDouble(d -> weights[d.getDayOfWeek().getValue() - 1]).sum();
    BigDecimal actual = sum(actuals, goal.periodStart(), min(today.plusDays(1), goal.periodEnd().plusDays(1)));
    BigDecimal actualBeforeToday = sum(actuals, goal.periodStart(), min(today.minusDays(1), goal.periodEnd()).plusDays(1));
    BigDecimal remaining = goal.target().subtract(actualBeforeToday).max(BigDecimal.ZERO);
    BigDecimal runRate = sum(actuals, today.minusDays(7), today).divide(BigDecimal.valueOf(7), SCALE, RoundingMode.HALF_UP);
    List<GoalPacing.Day> rows = new ArrayList<>();
    BigDecimal cumTarget = BigDecimal.ZERO;
    BigDecimal cumActual = BigDecimal.ZERO;
    BigDecimal projected = null;
    BigDecimal planSoFar = BigDecimal.ZERO;
    for (LocalDate day : days) {
      double w = weights[day.getDayOfWeek().getValue() - 1];
      boolean future = !day.isBefore(today);
      BigDecimal target = future && remainingWeight > 0
          ? share(remaining, w / remainingWeight) : share(goal.target(), w / planWeight);
      cumTarget = cumTarget.add(share(goal.target(), w / planWeight));
      BigDecimal dayActual = day.isAfter(today) ? null : actuals.getOrDefault(day, BigDecimal.ZERO);
      if (dayActual != null) {
        cumActual = cumActual.add(dayActual);
      }
      if (day.isBefore(today)) {
        planSoFar = cumTarget;
      }
      if (day.isAfter(today)) {
        projected = (projected == null ? cumActual : projected).add(share(runRate, w));
      }
      rows.add(new GoalPacing.Day(day, target, dayActual, cumTarget, dayActual == null ? null : cumActual, projected));
    }
    BigDecimal projectedTotal = projected == null ? cumActual : projected;
    double behind = planSoFar.signum() == 0 ? 0.0
        : planSoFar.subtract(actualBeforeToday).doubleValue() / planSoFar.doubleValue() * 100;
    long daysLeft = Math.max(1, ChronoUnit.DAYS.between(max(today, goal.periodStart()), goal.periodEnd()) + 1);
    List<Double> weightList = new ArrayList<>();
    for (double w : weights) {
      weightList.add(Math.round(w * 1000) / 1000.0);
    }
    return new GoalPacing(goal, today, actual, remaining,
        remaining.divide(BigDecimal.valueOf(daysLeft), SCALE, RoundingMode.HALF_UP), projectedTotal,
        Math.round(behind * 10) / 10.0, behind > goal.alertPercent(), weightList, rows);
  }

  /** Monday..Sunday share of an average day over the 8 weeks before {@code start}; all 1 without history. */
  private double[] weekdayWeights(long tenantId, Goal.Metric metric, LocalDate start) {
    Map<LocalDate, BigDecimal> history = store.daily(tenantId, metric.types(), metric.amount(), start.minusWeeks(8), start.minusDays(1));
    double[] sums = new double[7];
    double total = 0;
    for (var e : history.entrySet()) {
      sums[e.getKey().getDayOfWeek().getValue() - 1] += e.getValue().doubleValue();
      total += e.getValue().doubleValue();
    }
    double[] weights = new double[7];
    for (int i = 0; i < 7; i++) {
      weights[i] = total <= 0 ? 1.0 : Math.max(0.05, sums[i] / (total / 7));
    }
    return weights;
  }

  private static BigDecimal sum(Map<LocalDate, BigDecimal> days, LocalDate from, LocalDate toExclusive) {
    return days.entrySet().stream().filter(e -> !e.getKey().isBefore(from) && e.getKey().isBefore(toExclusive))
        .map(Map.Entry::getValue).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static BigDecimal share(BigDecimal amount, double fraction) {
    return amount.multiply(BigDecimal.valueOf(fraction)).setScale(SCALE, RoundingMode.HALF_UP);
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }

  private static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  private void validate(Goal g) {
    List<FieldIssue> issues = new ArrayList<>();
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    if (g.name() == null || g.name().isBlank() || g.name().length() > 200) {
      issues.add(new FieldIssue("name", "invalid-name", "1 to 200 characters"));
    }
    if (g.metric() == null) {
      issues.add(new FieldIssue("metric", "invalid-metric", "one of " + List.of(Goal.Metric.values())));
    }
    if (g.periodStart() == null || g.periodEnd() == null || g.periodEnd().isBefore(g.periodStart())
        || g.periodStart().plusDays(366).isBefore(g.periodEnd())) {
      issues.add(new FieldIssue("period_end", "invalid-period", "from period_start, at most 366 days"));
    } else if (g.periodEnd().isBefore(today)) {
      issues.add(new FieldIssue("period_end", "past-period", "the period has already ended"));
    }
    if (g.target() == null || g.target().signum() <= 0 || g.target().scale() > 2) {
      issues.add(new FieldIssue("target", "invalid-target", "a positive amount with at most 2 decimals"));
    }
    if (g.alertPercent() < 0 || g.alertPercent() > 100) {
      issues.add(new FieldIssue("alert_percent", "invalid-alert-percent", "0 to 100"));
    }
    if (g.components() != null && !g.components().isEmpty() && g.target() != null) {
      BigDecimal sum = g.components().stream().map(c -> c.amount() == null ? BigDecimal.ZERO : c.amount())
          .reduce(BigDecimal.ZERO, BigDecimal::add);
      if (sum.compareTo(g.target()) != 0) {
        issues.add(new FieldIssue("components", "components-mismatch", "the components must add up to the target"));
      }
    }
    if (!issues.isEmpty()) {
      throw Problem.invalid(issues.getFirst().code(), "The goal is invalid", issues);
    }
  }
}
