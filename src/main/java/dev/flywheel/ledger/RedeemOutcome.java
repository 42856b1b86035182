package dev.flywheel.ledger;

/** What redeeming a coupon at checkout did; refusals are values with a stable code. */
public sealed interface RedeemOutcome {

  /** @param replayed true when this request id had already redeemed the coupon */
  record Redeemed(Coupon coupon, boolean replayed) implements RedeemOutcome {}

  /**
   * @param code {@code coupon-not-found} (unknown code, another tenant's or another customer's),
   *     {@code coupon-used}, {@code coupon-expired}, {@code coupon-not-yet-valid},
   *     {@code coupon-min-spend-not-met}
   */
  record Refused(String code, String detail) implements RedeemOutcome {}
}
