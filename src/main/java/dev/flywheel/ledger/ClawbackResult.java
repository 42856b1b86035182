package dev.flywheel.ledger;

import java.util.List;

/**
 * What a clawback did, per grant of the source event.
 *
 * @param clawedBack grants clawed back by this call
 * @param kept grants left with the customer: available rewards under
 *     {@link ClawbackRequest.Policy#PENDING_ONLY}, coupons already redeemed, or grants clawed back
 *     before (a repeated clawback is a no-op)
 */
public record ClawbackResult(List<Item> clawedBack, List<Long> kept) {

  /**
   * @param fromPending taken from the pending account
   * @param fromAvailable taken from the available balance
   * @param toDebt what the available balance could not cover, now owed by the customer
   */
  public record Item(long grantId, String customerId, Asset asset, long fromPending, long fromAvailable,
      long toDebt) {}
}
