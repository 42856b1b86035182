package dev.flywheel.ledger;

import java.util.Objects;

/**
 * Take back what was granted because of one source event (e.g. the investment whose
 * {@code investment_cancelled} or early {@code redemption} just arrived).
 *
 * @param sourceEventId the event the rewards were granted for (not the cancelling event)
 * @param policy whether rewards already available are taken too
 * @param reason why, kept with the clawback (e.g. the cancelling event's id)
 */
public record ClawbackRequest(long tenantId, String sourceEventId, Policy policy, String reason, String actor) {

  public enum Policy {
    /** only rewards still locked up; available ones stay with the customer */
    PENDING_ONLY,
    /**
     * pending and available rewards; what the available balance cannot cover becomes recorded
     * debt of the customer
     */
    PENDING_AND_AVAILABLE
  }

  public ClawbackRequest {
    Objects.requireNonNull(sourceEventId, "sourceEventId");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(actor, "actor");
  }
}
