package dev.flywheel.analytics;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A funnel's answer: one row per breakdown value (by customers entered, most first) and the
 * total. No data answers rows with zeros, never an error.
 */
public record FunnelResult(List<String> steps, Breakdown breakdown, Row total, List<Row> rows) {

  /** One group's customers per step. */
  public record Row(String group, List<Step> steps) {}

  /**
   * @param customers customers who reached this step in order within the window
   * @param fromPrevious share of the previous step's customers (1 for the first step; 0 when it had none)
   * @param overall share of the first step's customers
   * @param medianSeconds median time from the previous step, over customers who reached this one; null if none
   */
  public record Step(String step, long customers, @JsonProperty("from_previous") double fromPrevious, double overall,
      @JsonProperty("median_seconds") Double medianSeconds) {}
}
