package dev.flywheel.analytics;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Where a goal stands today.
 *
 * @param requiredPerDay what each remaining day needs on average (remaining target / remaining days)
 * @param projectedTotal cumulative actual plus the recent run rate (last 7 complete days, weekday-weighted) to period end
 * @param behindPercent how far the actual is behind the plan so far (negative = ahead)
 * @param alert behind by more than the goal's {@code alert_percent}
 * @param weekdayWeights Monday..Sunday, learned from the 8 weeks before the period (all 1 without history)
 */
public record GoalPacing(Goal goal, LocalDate today, BigDecimal actual, BigDecimal remaining,
    @JsonProperty("required_per_day") BigDecimal requiredPerDay,
    @JsonProperty("projected_total") BigDecimal projectedTotal,
    @JsonProperty("behind_percent") double behindPercent, boolean alert,
    @JsonProperty("weekday_weights") List<Double> weekdayWeights, List<Day> days) {

  /**
   * @param target the day's share of the target (plan at period start for past days; the
   *     remaining target spread over the remaining days from today on)
   * @param actual null for days to come
   * @param projected cumulative projection (days to come only)
   */
  public record Day(LocalDate day, BigDecimal target, BigDecimal actual,
      @JsonProperty("cumulative_target") BigDecimal cumulativeTarget,
      @JsonProperty("cumulative_actual") BigDecimal cumulativeActual, BigDecimal projected) {}
}
