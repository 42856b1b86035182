package dev.flywheel.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Budget alerts: once at 80 %, once at 100 % (with BudgetExhausted); a top-up re-arms them. */
@RunningFlywheel
@RecordApplicationEvents
class BudgetAlertTest {
  private static final AtomicLong CAMPAIGNS = new AtomicLong(3_000);
  @Autowired TestTenants tenants;
  @Autowired Ledger ledger;
  @Autowired JdbcClient jdbc;
  @Autowired ApplicationEvents events;
  @Autowired PlatformTransactionManager transactions;
  private TransactionTemplate tx;

  @org.junit.jupiter.api.BeforeEach
  void transactions() {
    tx = new TransactionTemplate(transactions);
  }

  @AfterEach
  void invariantsHold() {
    LedgerInvariants.assertHold(jdbc);
  }

  @Test
  void alertsFireOnceAtEightyAndOnceAtOneHundredPercent() {
    long tenant = tenants.create().id();
    long campaign = CAMPAIGNS.incrementAndGet();
    ledger.fund(tenant, campaign, Asset.POINTS, 10, "ops");

    for (int i = 1; i <= 7; i++) {
      grant(tenant, campaign, i);
    }
    assertThat(events.stream(BudgetThresholdReached.class)).isEmpty();
    grant(tenant, campaign, 8);
    assertThat(events.stream(BudgetThresholdReached.class))
        .containsExactly(new BudgetThresholdReached(tenant, campaign, Asset.POINTS, 80));
    grant(tenant, campaign, 9);
    assertThat(events.stream(BudgetThresholdReached.class)).hasSize(1);
    grant(tenant, campaign, 10);
    assertThat(events.stream(BudgetThresholdReached.class)).containsExactly(
        new BudgetThresholdReached(tenant, campaign, Asset.POINTS, 80),
        new BudgetThresholdReached(tenant, campaign, Asset.POINTS, 100));
    assertThat(events.stream(BudgetExhausted.class))
        .containsExactly(new BudgetExhausted(tenant, campaign, Asset.POINTS, 0));

    assertThat(grant(tenant, campaign, 11)).isInstanceOf(GrantOutcome.BudgetExhausted.class);
    assertThat(events.stream(BudgetThresholdReached.class)).as("not again").hasSize(2);
    assertThat(events.stream(BudgetExhausted.class)).hasSize(1);
    assertThat(ledger.upkeep().budgetsAlerted()).as("the job finds nothing missed").isZero();

    ledger.fund(tenant, campaign, Asset.POINTS, 10, "ops");
    grant(tenant, campaign, 12);
    assertThat(events.stream(BudgetThresholdReached.class)).as("50 % of the new level").hasSize(2);
    for (int i = 13; i <= 21; i++) {
      grant(tenant, campaign, i);
    }
    assertThat(events.stream(BudgetThresholdReached.class)).as("a top-up re-arms both").hasSize(4);
  }

  @Test
  void theUpkeepJobFiresACrossingThatNoGrantSaw() {
    long tenant = tenants.create().id();
    long campaign = CAMPAIGNS.incrementAndGet();
    ledger.fund(tenant, campaign, Asset.POINTS, 5, "ops");
    for (int i = 1; i <= 5; i++) {
      grant(tenant, campaign, i);
    }
    // as if concurrent grants had each seen the other's units still in place
    jdbc.sql("delete from ledger_budget_alerts where budget_id = (select id from ledger_budgets where tenant_id = :t)")
        .param("t", tenant).update();
    events.clear();

    assertThat(ledger.upkeep().budgetsAlerted()).isGreaterThanOrEqualTo(2);
    assertThat(events.stream(BudgetThresholdReached.class).filter(e -> e.campaignId() == campaign))
        .extracting(BudgetThresholdReached::percent).containsExactly(80, 100);
    assertThat(ledger.upkeep().budgetsAlerted()).isZero();
  }

  /**
   * In a transaction of the test's own, so the alert events are published on this thread (where
   * {@code ApplicationEvents} records them): outside one, the grant group commit's worker publishes them.
   */
  private GrantOutcome grant(long tenant, long campaign, int n) {
    return tx.execute(s -> ledger.grant(GrantRequest.of(tenant, campaign, "r", "ev-" + n, "u-1", Asset.POINTS, 1)));
  }
}
