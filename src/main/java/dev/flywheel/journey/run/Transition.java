package dev.flywheel.journey.run;

import java.time.Instant;

/** Where a run goes after a step: on to {@code stepKey} at {@code dueAt} (maybe waiting for an event), or out. */
sealed interface Transition {
  StepOutcome outcome();

  record Next(String stepKey, Instant dueAt, String waitingEvent, StepOutcome outcome) implements Transition {}

  record End(String reason, StepOutcome outcome) implements Transition {}
}
