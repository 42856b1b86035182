package dev.flywheel.campaign;

import dev.flywheel.ledger.BudgetExhausted;
import dev.flywheel.ledger.Ledger;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A campaign whose budget for an asset is exhausted pauses itself (audit actor {@code budget}),
 * once the grant's transaction has committed, in a transaction of its own — so the pause never
 * holds the campaign row inside an ingestion transaction. Grants never depend on it: the ledger
 * refuses what the budget cannot pay anyway. The ledger is asked first whether the budget is
 * still exhausted: an evaluation that tried a batch of grants and then rolled back to a savepoint
 * to grant one by one published the event of an alert it no longer records.
 */
@Component
class BudgetPause {
  private final Campaigns campaigns;
  private final Ledger ledger;

  BudgetPause(Campaigns campaigns, Ledger ledger) {
    this.campaigns = campaigns;
    this.ledger = ledger;
  }

  @TransactionalEventListener(fallbackExecution = true)
  void on(BudgetExhausted exhausted) {
    if (!ledger.budgetExhausted(exhausted.tenantId(), exhausted.campaignId(), exhausted.asset())) {
      return;
    }
    campaigns.pauseForBudget(exhausted.tenantId(), exhausted.campaignId(),
        exhausted.asset() + " budget exhausted (" + exhausted.remaining() + " left)");
  }
}
