package dev.flywheel.fission;

/** Redeeming a completed task's reward. */
public sealed interface RedeemOutcome {
  /** Granted now, or ({@code replayed}) granted before: the same grant either way. */
  record Redeemed(Task task, long grantId, boolean replayed) implements RedeemOutcome {}

  /** {@code not-found}, {@code task-not-complete}, {@code rewards-exhausted},
   * {@code reward-out-of-stock}, {@code reward-unavailable} (catalog-item rewards). */
  record Refused(String code, String detail) implements RedeemOutcome {}
}
