package dev.flywheel.campaign.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.campaign.CampaignStatus;
import dev.flywheel.campaign.EffectDefinition;
import dev.flywheel.ledger.Asset;
import dev.flywheel.ledger.GrantOutcome;
import dev.flywheel.ledger.GrantRequest;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.support.RunningFlywheel;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A campaign pauses itself for an exhausted budget only when the exhaustion stands after the
 * commit: a transaction that was refused inside a savepoint, rolled back to it and then granted
 * less (as the evaluator's batch-then-one-by-one path does) published the event all the same.
 */
@RunningFlywheel
class BudgetPauseTest extends EvaluationScenario {
  @Autowired TransactionTemplate tx;

  @Test
  void anExhaustionRolledBackToASavepointDoesNotPauseTheCampaignAndOneThatStandsDoes() {
    long id = aCampaign("Pause check").budget(dev.flywheel.campaign.Asset.POINTS, 250)
        .rule(rule("points", "true", EffectDefinition.Grant.of(dev.flywheel.campaign.Asset.POINTS, "100"))).approved();
    day(0);
    long tenantId = tenant.id();
    tx.executeWithoutResult(status -> {
      Ledger.Savepoint savepoint = ledger.savepoint();
      assertThat(ledger.grant(GrantRequest.of(tenantId, id, "points", "too-much", "c1", Asset.POINTS, 300)))
          .isInstanceOf(GrantOutcome.BudgetExhausted.class);
      savepoint.rollBack();
      assertThat(ledger.grant(GrantRequest.of(tenantId, id, "points", "fits", "c1", Asset.POINTS, 100)))
          .isInstanceOf(GrantOutcome.Granted.class);
    });
    assertThat(campaigns.find(tenantId, id).orElseThrow().status()).isEqualTo(CampaignStatus.RUNNING);

    tx.executeWithoutResult(status -> assertThat(ledger.grant(
        GrantRequest.of(tenantId, id, "points", "too-much-again", "c2", Asset.POINTS, 200)))
        .isInstanceOf(GrantOutcome.BudgetExhausted.class));
    assertThat(campaigns.find(tenantId, id).orElseThrow().status()).isEqualTo(CampaignStatus.PAUSED);
  }
}
