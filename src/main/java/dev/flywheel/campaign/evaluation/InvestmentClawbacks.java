package dev.flywheel.campaign.evaluation;

import dev.flywheel.event.EventAccepted;
import dev.flywheel.event.EventHistory;
import dev.flywheel.event.StoredEvent;
import dev.flywheel.ledger.ClawbackRequest;
import dev.flywheel.ledger.ClawbackResult;
import dev.flywheel.ledger.Ledger;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Takes back what an investment earned when the investment does not stand: an
 * {@code investment_cancelled}, or an <em>early</em> {@code redemption} (one that occurred before
 * the investment matured, i.e. before its {@code occurred_at + term_days}), naming the investment
 * in the attribute {@code investment_event_id}. Every grant whose source event is that investment
 * is clawed back with the configured policy ({@code flywheel.evaluation.clawback-policy} for
 * cancellations, {@code flywheel.evaluation.early-redemption-policy} for early redemptions; both
 * default to {@link ClawbackRequest.Policy#PENDING_ONLY}, rewards still locked up). A redemption at
 * or after maturity, or of an investment Flywheel never saw, takes nothing back. Idempotent per
 * grant (the ledger's promise); runs in the ingestion transaction.
 */
@Component
class InvestmentClawbacks {
  static final Set<String> TRIGGERS = Set.of("investment_cancelled", "redemption");
  static final String ATTRIBUTE = "investment_event_id";
  private final Ledger ledger;
  private final EventHistory history;
  private final EvaluationProperties properties;

  InvestmentClawbacks(Ledger ledger, EventHistory history, EvaluationProperties properties) {
    this.ledger = ledger;
    this.history = history;
    this.properties = properties;
  }

  static boolean triggers(EventAccepted event) {
    return TRIGGERS.contains(event.type()) && event.attributes().get(ATTRIBUTE) instanceof String s && !s.isBlank();
  }

  /** @return what was clawed back, or null when the event takes nothing back */
  ClawbackResult apply(EventAccepted event) {
    if (!triggers(event)) {
      return null;
    }
    String investmentId = (String) event.attributes().get(ATTRIBUTE);
    ClawbackRequest.Policy policy = properties.clawbackPolicy();
    if (event.type().equals("redemption")) {
      if (!isEarly(event, history.find(event.tenantId(), investmentId))) {
        return null;
      }
      policy = properties.earlyRedemptionPolicy();
    }
    return ledger.clawBack(new ClawbackRequest(event.tenantId(), investmentId, policy,
        event.type() + ":" + event.eventId(), "campaign-evaluator"));
  }

  /** A redemption is early when it occurred before its investment (of the same customer) matured. */
  static boolean isEarly(EventAccepted redemption, Optional<StoredEvent> investment) {
    return investment
        .filter(i -> i.type().equals("investment") && i.customerId().equals(redemption.customerId()))
        .map(i -> maturity(i))
        .filter(maturity -> redemption.occurredAt().isBefore(maturity))
        .isPresent();
  }

  private static Instant maturity(StoredEvent investment) {
    return investment.attributes().get("term_days") instanceof Number days
        ? investment.occurredAt().plus(Duration.ofDays(days.longValue()))
        : investment.occurredAt();
  }
}
