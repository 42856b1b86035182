package dev.flywheel.customer.stage;

import static dev.flywheel.customer.LoanStage.*;

import dev.flywheel.customer.LoanStage;
import dev.flywheel.event.EventAccepted;
import java.util.EnumSet;
import java.util.Set;

/**
 * How events move the loan stage (seed 002). Pure; mutates only the given {@link StageState}.
 *
 * <p>Transition table ("pre-loan" = REGISTERED, LOGGED_IN, APPLYING, RISK_PASSED, RISK_REJECTED,
 * FUNDER_APPROVED, FUNDER_REJECTED; any from-stage not listed leaves the stage unchanged):
 *
 * <pre>
 * event                      from                                         to
 * registered                 (any)                                        (no move; sets registered_at,
 *                                                                          platform, h5_only = platform h5
 *                                                                          and still REGISTERED)
 * app_login                  REGISTERED                                   LOGGED_IN   (always clears h5_only)
 * application_step {step}    REGISTERED, LOGGED_IN, RISK_REJECTED,        APPLYING    (step kept)
 *                            FUNDER_REJECTED
 * application_step {step}    APPLYING                                     APPLYING    (self-move: new step, entry
 *                                                                          time reset so "stalled at step N
 *                                                                          for d days" works; no history row)
 * risk_decision passed       REGISTERED, LOGGED_IN, APPLYING, RISK_REJECTED RISK_PASSED
 * risk_decision rejected     REGISTERED, LOGGED_IN, APPLYING              RISK_REJECTED
 * funder_decision approved   REGISTERED .. RISK_REJECTED, FUNDER_REJECTED FUNDER_APPROVED (funder, credit line;
 *                                                                          rejected users may be routed to
 *                                                                          looser funders)
 * funder_decision approved   FUNDER_APPROVED                              (self-move: funder/line updated)
 * funder_decision rejected   REGISTERED, LOGGED_IN, APPLYING, RISK_PASSED FUNDER_REJECTED (an approval held
 *                                                                          from another funder is kept)
 * drawdown                   any pre-loan stage                           DRAWN_DOWN
 * drawdown                   REPAID                                       RELOAN
 * repayment_due              DRAWN_DOWN, RELOAN                           REPAYING
 * repayment (settled=false)  DRAWN_DOWN, RELOAN                           REPAYING    (a partial repayment
 *                                                                          does not cure OVERDUE)
 * repayment (settled=true)   DRAWN_DOWN, RELOAN, REPAYING, OVERDUE        REPAID
 * overdue {days}             DRAWN_DOWN, RELOAN, REPAYING                 OVERDUE (days kept)
 * overdue {days}             OVERDUE                                      (self-move: days updated)
 * </pre>
 *
 * <p>Out-of-order delivery: an event that occurred before the current stage was entered does not
 * move the stage (its other facts, e.g. registration time, still count). Once borrowed, pre-loan
 * events (login, application, decisions) never move the stage back.
 */
final class LoanStageRule {
  private static final Set<LoanStage> PRE_LOAN = EnumSet.range(REGISTERED, FUNDER_REJECTED);
  private static final Set<LoanStage> BORROWING = EnumSet.of(DRAWN_DOWN, RELOAN);

  private LoanStageRule() {}

  /**
   * Applies one event.
   *
   * @return the new stage when the stage changed (a history-worthy move), else null
   */
  static LoanStage apply(StageState s, EventAccepted e) {
    var a = e.attributes();
    if (e.type().equals("registered")) {
      if (s.registeredAt == null || e.occurredAt().isBefore(s.registeredAt)) {
        s.registeredAt = e.occurredAt();
      }
      s.registeredPlatform = Attributes.text(a, "platform");
      s.h5Only = "h5".equals(s.registeredPlatform) && s.loanStage == REGISTERED;
      if (s.loanStage == REGISTERED && s.loanStageAt == null) {
        s.loanStageAt = e.occurredAt();
      }
      return null;
    }
    if (e.type().equals("app_login")) {
      s.h5Only = false;
    }
    if (s.loanStageAt != null && e.occurredAt().isBefore(s.loanStageAt)) {
      return null;
    }
    LoanStage from = s.loanStage;
    LoanStage to = switch (e.type()) {
      case "app_login" -> from == REGISTERED ? LOGGED_IN : null;
      case "application_step" -> applicationStep(s, from, Attributes.text(a, "step"), e);
      case "risk_decision" -> "passed".equals(Attributes.text(a, "result"))
          ? in(from, REGISTERED, LOGGED_IN, APPLYING, RISK_REJECTED) ? RISK_PASSED : null
          : in(from, REGISTERED, LOGGED_IN, APPLYING) ? RISK_REJECTED : null;
      case "funder_decision" -> funderDecision(s, from, e);
      case "drawdown" -> PRE_LOAN.contains(from) ? DRAWN_DOWN : from == REPAID ? RELOAN : null;
      case "repayment_due" -> BORROWING.contains(from) ? REPAYING : null;
      case "repayment" -> Attributes.flag(a, "settled")
          ? BORROWING.contains(from) || in(from, REPAYING, OVERDUE) ? REPAID : null
          : BORROWING.contains(from) ? REPAYING : null;
      case "overdue" -> overdue(s, from, Attributes.integer(a, "days"));
      default -> null;
    };
    if (to == null || to == from) {
      return null;
    }
    s.loanStage = to;
    s.loanStageAt = e.occurredAt();
    if (to != OVERDUE) {
      s.overdueDays = null;
    }
    return to;
  }

  private static LoanStage applicationStep(StageState s, LoanStage from, String step, EventAccepted e) {
    if (from == APPLYING) {
      if (step != null && !step.equals(s.applicationStep)) {
        s.applicationStep = step;
        s.loanStageAt = e.occurredAt();
      }
      return null;
    }
    if (in(from, REGISTERED, LOGGED_IN, RISK_REJECTED, FUNDER_REJECTED)) {
      s.applicationStep = step;
      return APPLYING;
    }
    return null;
  }

  private static LoanStage funderDecision(StageState s, LoanStage from, EventAccepted e) {
    var a = e.attributes();
    if ("approved".equals(Attributes.text(a, "result"))) {
      if (PRE_LOAN.contains(from)) {
        s.funder = Attributes.text(a, "funder");
        s.creditLine = Attributes.decimal(a, "credit_line");
        return FUNDER_APPROVED;
      }
      return null;
    }
    if (in(from, REGISTERED, LOGGED_IN, APPLYING, RISK_PASSED)) {
      s.funder = Attributes.text(a, "funder");
      s.creditLine = null;
      return FUNDER_REJECTED;
    }
    return null;
  }

  private static LoanStage overdue(StageState s, LoanStage from, Integer days) {
    if (BORROWING.contains(from) || in(from, REPAYING, OVERDUE)) {
      s.overdueDays = days;
      return OVERDUE;
    }
    return null;
  }

  private static boolean in(LoanStage stage, LoanStage... candidates) {
    for (LoanStage c : candidates) {
      if (c == stage) {
        return true;
      }
    }
    return false;
  }
}
