package dev.flywheel.campaign;

import java.util.Map;

/** An effect with its amounts computed for one activation; what the ledger and reach receive. */
public sealed interface ComputedEffect {

  /**
   * @param amount positive units of the asset (fen for money)
   * @param pendingDays days the grant stays pending (0 = available at once)
   * @param recipient customer id, or null for the event's customer
   */
  record Grant(Asset asset, long amount, String couponTemplate, int pendingDays, String recipient)
      implements ComputedEffect {}

  record AddTag(String tag) implements ComputedEffect {}

  record Signal(String name, Map<String, Object> payload) implements ComputedEffect {}
}
