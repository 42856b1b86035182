package dev.flywheel.journey.run;

/**
 * What one executed step did, as logged: {@code outcome} is a stable code ({@code sent},
 * {@code refused:opted-out}, {@code waited}, {@code waiting}, {@code event-arrived},
 * {@code timed-out}, {@code branched}, {@code granted}, {@code budget-exhausted}, {@code tagged},
 * {@code exited}); the other fields are null unless the step produced them.
 */
record StepOutcome(String outcome, String arm, String channel, Long messageId, String variant) {
  static StepOutcome of(String outcome) {
    return new StepOutcome(outcome, null, null, null, null);
  }

  static StepOutcome arm(String arm) {
    return new StepOutcome("branched", arm, null, null, null);
  }
}
