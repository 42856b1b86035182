package dev.flywheel.analytics;

/**
 * What a funnel is broken down by. Attributes are per customer, each the value of the customer's
 * earliest event carrying one: {@code CHANNEL} the event's attribution channel, {@code VARIANT}
 * the {@code variant} of a {@code page_view}, {@code FUNDER} the {@code funder} of a
 * {@code funder_decision} or {@code drawdown}, {@code CAMPAIGN} the event's attributed campaign.
 * Cohorts are the UTC day/week (Monday)/month of the customer's entry into the funnel's first step.
 */
public enum Breakdown {
  NONE, CHANNEL, VARIANT, FUNDER, CAMPAIGN, COHORT_DAY, COHORT_WEEK, COHORT_MONTH
}
