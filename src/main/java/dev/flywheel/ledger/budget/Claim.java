package dev.flywheel.ledger.budget;

/** The budget account a grant may debit (locked by this transaction), or why there is none. */
public sealed interface Claim {

  record Claimed(long accountId, long budgetId) implements Claim {}

  /** @param budgetId null when the campaign was never funded for the asset */
  record Short(Long budgetId, long remaining) implements Claim {}
}
