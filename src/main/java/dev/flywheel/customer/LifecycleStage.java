package dev.flywheel.customer;

/**
 * Engagement stage of a customer (seed 003), from registration time, last activity and the
 * number of active days, with per-tenant thresholds. A return from {@link #POTENTIALLY_DORMANT} or
 * {@link #DORMANT} to activity is a <em>recall</em>: the customer gets {@code recalled_at} and the
 * {@link LifecycleStageChanged} event says {@code recalled = true}.
 */
public enum LifecycleStage {
  NEW,
  TO_BE_RETAINED,
  ACTIVE,
  POTENTIALLY_DORMANT,
  DORMANT;

  public boolean isDormantish() {
    return this == POTENTIALLY_DORMANT || this == DORMANT;
  }
}
