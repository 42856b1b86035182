package dev.flywheel.community;

/** What a slot of the weekly content calendar is for (seed 001). */
public enum SopSlotKind {
  /** product information */
  PRODUCT_INFO,
  /** industry and finance news */
  NEWS,
  /** a bank product promotion, on its dates */
  PROMOTION,
  /** a small group game (e.g. Tuesday and Thursday) */
  GAME,
  /** the long half-day activity on a fixed day */
  LONG_ACTIVITY;

  /** Whether a slot of this kind places a product (counts in the weekly report's products placed). */
  public boolean placesProduct() {
    return this == PRODUCT_INFO || this == PROMOTION;
  }
}
