package dev.flywheel.ledger.budget;

import java.util.Map;
import java.util.Set;

/**
 * What a transaction held of the budgets at one moment (a savepoint): opaque outside this package.
 * Restoring it after a rollback to that savepoint makes the budget store forget the locks the
 * rollback released.
 */
public final class Holdings {
  private final HeldBudgets of;
  private final Map<HeldBudgets.Key, Set<Long>> slots;
  private final Map<HeldBudgets.Key, Long> mains;
  private final boolean wallets;

  Holdings(HeldBudgets of, Map<HeldBudgets.Key, Set<Long>> slots, Map<HeldBudgets.Key, Long> mains, boolean wallets) {
    this.of = of;
    this.slots = slots;
    this.mains = mains;
    this.wallets = wallets;
  }

  HeldBudgets of() {
    return of;
  }

  Map<HeldBudgets.Key, Set<Long>> slots() {
    return slots;
  }

  Map<HeldBudgets.Key, Long> mains() {
    return mains;
  }

  boolean wallets() {
    return wallets;
  }
}
