package dev.flywheel.customer;

/**
 * A tenant's lifecycle thresholds, in days. Finance is low-frequency (1–2 uses a month is
 * normal), hence the wide defaults.
 *
 * @param newDays registered less than this many days ago → NEW
 * @param retainMinActiveDays past the new window with fewer active days → TO_BE_RETAINED
 * @param activeWithinDays last activity at most this many days ago → ACTIVE (or TO_BE_RETAINED)
 * @param dormantAfterDays more days than this without activity → DORMANT; in between →
 *     POTENTIALLY_DORMANT
 */
public record LifecycleSettings(int newDays, int retainMinActiveDays, int activeWithinDays,
    int dormantAfterDays) {
  public static final LifecycleSettings DEFAULTS = new LifecycleSettings(7, 2, 30, 60);
}
