package dev.flywheel.journey;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * How a journey did, over all its versions: runs entered and in flight, each step's reach and
 * messages, exits by reason, branch arms, copy variants, milestones and reference targets.
 */
public record JourneyReport(
    @JsonProperty("journey_id") long journeyId,
    long entered,
    @JsonProperty("in_flight") long inFlight,
    List<StepFigures> steps,
    @JsonProperty("exits") Map<String, Long> exitsByReason,
    List<VariantFigures> variants,
    Map<String, Long> milestones,
    List<TargetCheck> targets,
    List<FunnelStage> funnel) {

  /**
   * One step of one version. {@code reached}: runs that executed it; {@code completed}: with a
   * good outcome (sent, granted, tagged, branched, waited); message counts from reach
   * ({@code messages}: accepted by reach, whatever became of them);
   * {@code converted}: runs that got this step's message and later reached the goal.
   */
  public record StepFigures(int version, String key, StepType type, long reached, long completed,
      long messages, long sent, long delivered, long clicked, long converted, Map<String, Long> arms, Map<String, Long> outcomes) {}

  /** Messages of one step and copy variant; {@code converted} as for steps. */
  public record VariantFigures(int version, String step, String variant, long messages, long sent, long delivered, long clicked,
      long converted) {}

  /** A reference target and whether the journey meets it ({@code met} null while {@code from} is 0). */
  public record TargetCheck(String from, String to, Double min, Double max, Double actual, Boolean met) {}

  /** One bar of the funnel chart. */
  public record FunnelStage(String name, long count) {}
}
