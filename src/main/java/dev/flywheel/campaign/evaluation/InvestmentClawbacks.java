package dev.flywheel.campaign.evaluation;

import dev.flywheel.event.EventAccepted;
import dev.flywheel.ledger.ClawbackRequest;
import dev.flywheel.ledger.ClawbackResult;
import dev.flywheel.ledger.Ledger;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * An {@code investment_cancelled} (or a {@code redemption} naming its investment) claws back what
 * the original investment earned: every grant whose source event is the attribute
 * {@code investment_event_id}, with the configured policy (default
 * {@link ClawbackRequest.Policy#PENDING_ONLY}: rewards still locked up). Idempotent per grant
 * (the ledger's promise); runs in the ingestion transaction.
 */
@Component
class InvestmentClawbacks {
  static final Set<String> TRIGGERS = Set.of("investment_cancelled", "redemption");
  static final String ATTRIBUTE = "investment_event_id";
  private final Ledger ledger;
  private final EvaluationProperties properties;

  InvestmentClawbacks(Ledger ledger, EvaluationProperties properties) {
    this.ledger = ledger;
    this.properties = properties;
  }

  static boolean triggers(EventAccepted event) {
    return TRIGGERS.contains(event.type()) && event.attributes().get(ATTRIBUTE) instanceof String s && !s.isBlank();
  }

  /** @return what was clawed back, or null when the event is no clawback trigger */
  ClawbackResult apply(EventAccepted event) {
    if (!triggers(event)) {
      return null;
    }
    return ledger.clawBack(new ClawbackRequest(event.tenantId(), (String) event.attributes().get(ATTRIBUTE),
        properties.clawbackPolicy(), event.type() + ":" + event.eventId(), "campaign-evaluator"));
  }
}
