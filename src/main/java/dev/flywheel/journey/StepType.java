package dev.flywheel.journey;

/** What a journey step does; see {@link JourneyStep} for each type's fields. */
public enum StepType {
  SEND,
  WAIT,
  BRANCH,
  PHONE_TASK,
  GRANT,
  TAG,
  EXIT
}
