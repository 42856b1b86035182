package dev.flywheel.lottery;

/** A physical prize's way to the winner: PENDING_ADDRESS → TO_SHIP → SHIPPED → RECEIVED. */
public enum FulfilmentStatus {
  PENDING_ADDRESS, TO_SHIP, SHIPPED, RECEIVED;

  /** The one status this one may move to, or null at the end. */
  public FulfilmentStatus next() {
    return this == RECEIVED ? null : values()[ordinal() + 1];
  }
}
