package dev.flywheel.fission;

/** Redeeming a completed task's reward. */
public sealed interface RedeemOutcome {
  /** Granted now, or ({@code replayed}) granted before: the same grant either way. */
  record Redeemed(Task task, long grantId, boolean replayed) implements RedeemOutcome {}

  /** {@code not-found}, {@code task-not-complete}, {@code rewards-exhausted}. */
  record Refused(String code, String detail) implements RedeemOutcome {}
}
