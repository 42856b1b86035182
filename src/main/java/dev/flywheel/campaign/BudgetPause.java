package dev.flywheel.campaign;

import dev.flywheel.ledger.BudgetExhausted;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A campaign whose budget for an asset is exhausted pauses itself (audit actor {@code budget}),
 * once the grant's transaction has committed, in a transaction of its own — so the pause never
 * holds the campaign row inside an ingestion transaction. Grants never depend on it: the ledger
 * refuses what the budget cannot pay anyway.
 */
@Component
class BudgetPause {
  private final Campaigns campaigns;

  BudgetPause(Campaigns campaigns) {
    this.campaigns = campaigns;
  }

  @TransactionalEventListener(fallbackExecution = true)
  void on(BudgetExhausted exhausted) {
    campaigns.pauseForBudget(exhausted.tenantId(), exhausted.campaignId(),
        exhausted.asset() + " budget exhausted (" + exhausted.remaining() + " left)");
  }
}
