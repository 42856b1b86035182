package dev.flywheel.campaign.evaluation;

import dev.flywheel.ledger.ClawbackRequest;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code flywheel.evaluation.*}.
 *
 * @param clawbackPolicy what a cancelled investment takes back (default {@code PENDING_ONLY})
 * @param earlyRedemptionPolicy what a redemption before maturity takes back (default
 *     {@code PENDING_ONLY}; {@code PENDING_AND_AVAILABLE} may leave the customer a recorded debt)
 * @param historyPage events read per page when counting a customer's events for rules
 * @param batchGrants whether a transaction's grants go to the ledger in one {@code Ledger.grantAll}
 *     (default true; false grants one by one, as before)
 */
@ConfigurationProperties("flywheel.evaluation")
record EvaluationProperties(ClawbackRequest.Policy clawbackPolicy, ClawbackRequest.Policy earlyRedemptionPolicy,
    Integer historyPage, Boolean batchGrants) {
  EvaluationProperties {
    clawbackPolicy = clawbackPolicy == null ? ClawbackRequest.Policy.PENDING_ONLY : clawbackPolicy;
    earlyRedemptionPolicy = earlyRedemptionPolicy == null ? ClawbackRequest.Policy.PENDING_ONLY : earlyRedemptionPolicy;
    historyPage = historyPage == null ? 500 : historyPage;
    batchGrants = batchGrants == null || batchGrants;
    if (historyPage < 10 || historyPage > 500) {
      throw new IllegalArgumentException("flywheel.evaluation.history-page must be 10..500");
    }
  }
}
