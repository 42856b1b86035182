package dev.flywheel.customer;

/**
 * Where a borrower is in the lending funnel (seed 002). Derived from events only; see
 * {@code dev.flywheel.customer.stage.LoanStageRule} for the transition table.
 */
public enum LoanStage {
  REGISTERED,
  LOGGED_IN,
  APPLYING,
  RISK_PASSED,
  RISK_REJECTED,
  FUNDER_APPROVED,
  FUNDER_REJECTED,
  DRAWN_DOWN,
  REPAYING,
  OVERDUE,
  REPAID,
  RELOAN;

  /** True from the first drawdown on: pre-loan events no longer move the stage. */
  public boolean hasBorrowed() {
    return compareTo(DRAWN_DOWN) >= 0;
  }
}
