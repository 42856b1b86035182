package dev.flywheel.ledger;

/** What {@link Ledger#grant} did. A budget running out is an outcome, not an exception. */
public sealed interface GrantOutcome {

  /** Value moved from the campaign budget to the customer's wallet (available or pending). */
  record Granted(Grant grant) implements GrantOutcome {}

  /** The same (campaign, rule, source event) was granted before: nothing new was posted. */
  record AlreadyGranted(Grant grant) implements GrantOutcome {}

  /**
   * The budget holds less than the amount (or the campaign has no budget for the asset); nothing
   * was posted. {@code remaining} is exact: it was read with every budget row locked.
   */
  record BudgetExhausted(long campaignId, Asset asset, long remaining) implements GrantOutcome {}
}
