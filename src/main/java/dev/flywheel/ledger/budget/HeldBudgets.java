package dev.flywheel.ledger.budget;

import dev.flywheel.ledger.Asset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The budget accounts the current transaction has locked, so the budget store can keep one lock
 * order: a transaction may <em>wait</em> for a budget's rows only while every budget it already
 * holds comes before it in (tenant, campaign, asset) order and it holds none of that budget's
 * slots (see {@link BudgetStore}). Bound to the transaction; forgotten when it ends.
 */
final class HeldBudgets {
  /** A budget as the lock order sees it; {@code Ledger.grantAll} claims in this order too. */
  record Key(long tenantId, long campaignId, Asset asset) {
    static final Comparator<Key> ORDER = Comparator.comparingLong(Key::tenantId)
        .thenComparingLong(Key::campaignId).thenComparing(Key::asset);
  }

  private final Map<Key, Set<Long>> slots = new HashMap<>();
  private final Map<Key, Long> mains = new HashMap<>();
  private boolean wallets;

  /** The current transaction's holdings (a throw-away one outside transaction synchronisation). */
  static HeldBudgets current(Object owner) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return new HeldBudgets();
    }
    HeldBudgets held = (HeldBudgets) TransactionSynchronizationManager.getResource(owner);
    if (held == null) {
      HeldBudgets fresh = new HeldBudgets();
      TransactionSynchronizationManager.bindResource(owner, fresh);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(owner);
        }
      });
      return fresh;
    }
    return held;
  }

  /**
   * Whether this transaction may block on {@code key}'s rows without risking a lock cycle: it
   * holds no slot of that budget (a slot holder never waits for its own budget's main account,
   * whose holder may be waiting for the slot), nothing of a budget ordered after it, and no wallet
   * it credited (a budget holder may be waiting to credit that wallet).
   */
  boolean mayWaitFor(Key key) {
    if (wallets || !slots.getOrDefault(key, Set.of()).isEmpty()) {
      return false;
    }
    return heldKeys().stream().allMatch(k -> k.equals(key) || Key.ORDER.compare(k, key) < 0);
  }

  void wallets() {
    wallets = true;
  }

  void slot(Key key, long accountId) {
    slots.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(accountId);
  }

  void main(Key key, long accountId) {
    mains.put(key, accountId);
  }

  /** Every account of {@code key} this transaction holds locked (main first). */
  List<Long> accounts(Key key) {
    List<Long> ids = new ArrayList<>();
    if (mains.containsKey(key)) {
      ids.add(mains.get(key));
    }
    ids.addAll(slots.getOrDefault(key, Set.of()));
    return ids;
  }

  /** A copy of what is held now ({@link #restore} after a rollback to a savepoint taken now). */
  Holdings snapshot() {
    Map<Key, Set<Long>> slotsCopy = new HashMap<>();
    slots.forEach((k, v) -> slotsCopy.put(k, new LinkedHashSet<>(v)));
    return new Holdings(this, slotsCopy, new HashMap<>(mains), wallets);
  }

  /** Back to {@code before}: the locks taken since were released by a rollback to a savepoint. */
  void restore(Holdings before) {
    if (before.of() != this) {
      return; // taken in another transaction: this one held nothing then
    }
    slots.clear();
    before.slots().forEach((k, v) -> slots.put(k, new LinkedHashSet<>(v)));
    mains.clear();
    mains.putAll(before.mains());
    wallets = before.wallets();
  }

  @Override
  public String toString() {
    return "slots=" + slots + " mains=" + mains + " wallets=" + wallets;
  }

  private Set<Key> heldKeys() {
    Set<Key> keys = new LinkedHashSet<>(slots.keySet());
    keys.addAll(mains.keySet());
    return keys;
  }
}
