package dev.flywheel.console;

import dev.flywheel.campaign.CampaignPlan;
import dev.flywheel.campaign.CampaignResult;
import dev.flywheel.campaign.Campaigns;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Would this edit be accepted?" for the rule editor's live check, answered by the campaign
 * module itself: {@link Campaigns#update} runs inside a transaction that is always rolled back, so
 * the answer is the module's full plan check (CEL compile and type-check with rule, line and
 * column; budgets; window; overlap) and nothing is ever written. {@code Campaigns} joins the
 * surrounding transaction, and its after-commit hooks never run on rollback.
 *
 * <p>Why not a read method: the module has no public "check a plan" method yet (its
 * {@code PlanCheck}/{@code RuleCompiler} are package-private). When it gets one
 * ({@code Campaigns.check(tenantId, id, plan) → List<FieldIssue>}), this class is the one place
 * to switch. Thread-safe.
 */
@Component
class PlanDryRun {
  private final Campaigns campaigns;
  private final TransactionTemplate transactions;

  PlanDryRun(Campaigns campaigns, PlatformTransactionManager transactionManager) {
    this.campaigns = campaigns;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  /** What {@code update} would answer; {@link CampaignResult.Done} means it would be saved. */
  CampaignResult update(long tenantId, long campaignId, CampaignPlan plan, String actor) {
    return transactions.execute(status -> {
      status.setRollbackOnly();
      return campaigns.update(tenantId, campaignId, plan, actor);
    });
  }
}
