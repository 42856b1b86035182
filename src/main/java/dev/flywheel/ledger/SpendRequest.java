package dev.flywheel.ledger;

/**
 * One spend of {@link Spending#spendAll}: {@code amount} of {@code asset} from the customer's
 * available balance, exactly once per {@code reference} within that wallet.
 */
public record SpendRequest(long tenantId, String customerId, Asset asset, long amount, String reference,
    String actor) {
  public SpendRequest {
    if (amount <= 0) {
      throw new IllegalArgumentException("a spend takes a positive amount");
    }
  }
}
