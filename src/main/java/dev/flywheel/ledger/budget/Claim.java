package dev.flywheel.ledger.budget;

/** The budget account a grant may debit (locked by this transaction), or why there is none. */
public sealed interface Claim {

  record Claimed(long accountId, long budgetId) implements Claim {}

  /**
   * @param budgetId null when the campaign was never funded for the asset
   * @param remaining what the budget holds as far as this transaction can tell
   * @param lockedMain the budget's main account when this transaction holds it (it then holds
   *     {@code remaining}), else null
   * @param contended true when another transaction holds part of the budget and this one could
   *     not wait for it (see {@link BudgetStore}): the budget is not known to be exhausted
   */
  record Short(Long budgetId, long remaining, Long lockedMain, boolean contended) implements Claim {}
}
