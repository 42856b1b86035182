package dev.flywheel.journey;

/** DRAFT: never published. ACTIVE: customers enter the active version. PAUSED: nobody enters or moves. */
public enum JourneyStatus {
  DRAFT,
  ACTIVE,
  PAUSED
}
