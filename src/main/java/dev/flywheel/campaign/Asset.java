package dev.flywheel.campaign;

/**
 * What a campaign grants and budgets, each counted in whole units of {@code long}:
 * {@link #POINTS} in points, {@link #CASH_BACK} and {@link #INTEREST_BONUS} in fen (0.01 yuan),
 * {@link #COUPON} and {@link #LOTTERY_CHANCE} in pieces.
 */
public enum Asset {
  POINTS,
  CASH_BACK,
  COUPON,
  LOTTERY_CHANCE,
  INTEREST_BONUS
}
