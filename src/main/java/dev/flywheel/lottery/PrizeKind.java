package dev.flywheel.lottery;

import dev.flywheel.ledger.Asset;
import java.util.Optional;

/** What a prize is; the ledger asset a won prize is granted in, if any. */
public enum PrizeKind {
  /** a good shipped to the winner (address form, fulfilment task) */
  PHYSICAL,
  /** points in the wallet */
  POINTS,
  /** a cash red envelope, CNY fen, granted as the ledger's CASH_BACK */
  CASH,
  /** coupons of a ledger coupon template */
  COUPON,
  /** no prize; never runs out, the fallback when nothing else can be drawn */
  THANK_YOU;

  public Optional<Asset> asset() {
    return switch (this) {
      case POINTS -> Optional.of(Asset.POINTS);
      case CASH -> Optional.of(Asset.CASH_BACK);
      case COUPON -> Optional.of(Asset.COUPON);
      case PHYSICAL, THANK_YOU -> Optional.empty();
    };
  }
}
