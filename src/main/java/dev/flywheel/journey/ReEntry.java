package dev.flywheel.journey;

/** Whether a customer may enter a journey again. A customer is never in one journey twice at once. */
public enum ReEntry {
  /** Once per journey, ever. */
  NEVER,
  /** Again once the previous run has ended. */
  AFTER_EXIT
}
