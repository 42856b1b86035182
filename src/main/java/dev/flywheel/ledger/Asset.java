package dev.flywheel.ledger;

/**
 * What a ledger moves. Every amount is a {@code long} in the asset's smallest unit; there is no
 * floating point anywhere on the money path.
 */
public enum Asset {
  /** whole points */
  POINTS,
  /** cash back in CNY fen (1 yuan = 100) */
  CASH_BACK,
  /** a count of coupons; each coupon also has its own row (code, template, validity, status) */
  COUPON,
  /** a count of lottery chances */
  LOTTERY_CHANCE,
  /** interest-rate bonus paid in CNY fen */
  INTEREST_BONUS
}
