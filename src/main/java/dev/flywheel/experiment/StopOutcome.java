package dev.flywheel.experiment;

/** The answer to a stop request or approval; a refusal is a value with a stable code. */
public sealed interface StopOutcome {
  record Requested(Experiment experiment) implements StopOutcome {}

  record Stopped(Experiment experiment) implements StopOutcome {}

  /** @param code {@code not-running}, {@code no-stop-request}, {@code same-person} */
  record Refused(String code, String reason) implements StopOutcome {}
}
