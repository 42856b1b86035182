package dev.flywheel.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A customer's wallet in one tenant.
 *
 * @param balances per asset that ever moved for this customer
 * @param coupons newest first
 * @param history the most recent postings on the customer's accounts, newest first
 */
public record Wallet(String customerId, Map<Asset, Balance> balances, List<Coupon> coupons, List<Movement> history) {

  /**
   * @param debt what the customer owes after a clawback larger than the available balance;
   *     shown as a positive number, never netted silently against {@code available}
   */
  public record Balance(long available, long pending, long debt) {
    public static final Balance EMPTY = new Balance(0, 0, 0);
  }

  /** One posting on one of the customer's accounts ({@code AVAILABLE}, {@code PENDING}, {@code DEBT}). */
  public record Movement(long entryId, String kind, Asset asset, String account, long amount, String reference,
      Instant at) {}

  public boolean isEmpty() {
    return balances.isEmpty() && coupons.isEmpty();
  }
}
