package dev.flywheel.ledger;

/** What {@link Spending#spend} did. Too small a balance is an outcome, not an exception. */
public sealed interface SpendOutcome {

  /**
   * The amount moved from the customer's available balance to the tenant's {@code REDEEMED} sink.
   *
   * @param replayed true when this reference had already been spent (nothing new was posted)
   */
  record Spent(long entryId, long availableAfter, boolean replayed) implements SpendOutcome {}

  /** The available balance is smaller than the amount; nothing was posted. */
  record Insufficient(long available) implements SpendOutcome {}
}
