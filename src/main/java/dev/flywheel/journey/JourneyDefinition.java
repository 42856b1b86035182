package dev.flywheel.journey;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;

/**
 * What a journey does; a published version is an immutable copy of it.
 *
 * @param goal optional: the event that ends a run with {@code goal-reached}
 * @param reentry null means {@link ReEntry#AFTER_EXIT}
 * @param milestones event types whose first occurrence during a run the report counts
 * @param targets reference targets shown on the report
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JourneyDefinition(
    String name,
    String description,
    JourneyTrigger trigger,
    JourneyGoal goal,
    ReEntry reentry,
    List<JourneyStep> steps,
    List<String> milestones,
    List<FunnelTarget> targets) {

  public JourneyDefinition {
    steps = steps == null ? List.of() : List.copyOf(steps);
    milestones = milestones == null ? List.of() : List.copyOf(milestones);
    targets = targets == null ? List.of() : List.copyOf(targets);
  }

  public ReEntry reentryOrDefault() {
    return reentry == null ? ReEntry.AFTER_EXIT : reentry;
  }

  public Optional<JourneyStep> step(String key) {
    return steps.stream().filter(s -> s.key() != null && s.key().equals(key)).findFirst();
  }

  /** The step after {@code step}: its {@code next}, else the following one in the list, else empty. */
  public Optional<JourneyStep> following(JourneyStep step) {
    if (step.next() != null) {
      return step(step.next());
    }
    int at = steps.indexOf(step);
    return at >= 0 && at + 1 < steps.size() ? Optional.of(steps.get(at + 1)) : Optional.empty();
  }
}
