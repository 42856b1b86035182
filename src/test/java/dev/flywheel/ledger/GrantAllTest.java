package dev.flywheel.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.Race;
import dev.flywheel.support.TestTenants;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link Ledger#grantAll}: batches with the guarantees of single grants. */
@RunningFlywheel
class GrantAllTest {
  private static final AtomicLong CAMPAIGNS = new AtomicLong(9_000);
  @Autowired TestTenants tenants;
  @Autowired Ledger ledger;
  @Autowired JdbcClient jdbc;

  @AfterEach
  void invariantsHold() {
    LedgerInvariants.assertHold(jdbc);
  }

  @Test
  void grantsABatchWithOneOutcomePerRequestInOrder() {
    long tenant = tenants.create().id();
    long campaign = CAMPAIGNS.incrementAndGet();
    ledger.fund(tenant, campaign, Asset.POINTS, 1_000, "ops");
    List<GrantRequest> batch = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      batch.add(GrantRequest.of(tenant, campaign, "r", "ev-" + i, "u-" + (i % 7), Asset.POINTS, 10));
    }
    List<GrantOutcome> outcomes = ledger.grantAll(batch);

    assertThat(outcomes).hasSize(50).allSatisfy(o -> assertThat(o).isInstanceOf(GrantOutcome.Granted.class));
    for (int i = 0; i < 50; i++) {
      Grant g = ((GrantOutcome.Granted) outcomes.get(i)).grant();
      assertThat(g.sourceEventId()).isEqualTo("ev-" + i);
      assertThat(g.customerId()).isEqualTo("u-" + (i % 7));
      assertThat(ledger.grantsFor(tenant, "ev-" + i)).singleElement().extracting(Grant::id).isEqualTo(g.id());
    }
    assertThat(ledger.budget(tenant, campaign).lines().get(Asset.POINTS)).isEqualTo(new Budget.Line(1_000, 500, 500));
    assertThat(ledger.wallet(tenant, "u-0").balances().get(Asset.POINTS).available()).isEqualTo(80); // 8 of 50
  }

  @Test
  void partialExhaustionGrantsInRequestOrderWhileTheBudgetLasts() {
    long tenant = tenants.create().id();
    long campaign = CAMPAIGNS.incrementAndGet();
    ledger.fund(tenant, campaign, Asset.POINTS, 25, "ops");
    List<GrantOutcome> outcomes = ledger.grantAll(List.of(
        GrantRequest.of(tenant, campaign, "r", "a", "u1", Asset.POINTS, 10),
        GrantRequest.of(tenant, campaign, "r", "b", "u2", Asset.POINTS, 10),
        GrantRequest.of(tenant, campaign, "r", "c", "u3", Asset.POINTS, 10), // 5 left: refused
        GrantRequest.of(tenant, campaign, "r", "d", "u4", Asset.POINTS, 5), // fits exactly
        GrantRequest.of(tenant, campaign, "r", "e", "u5", Asset.POINTS, 1)));

    assertThat(outcomes.get(0)).isInstanceOf(GrantOutcome.Granted.class);
    assertThat(outcomes.get(1)).isInstanceOf(GrantOutcome.Granted.class);
    assertThat(outcomes.get(2)).isEqualTo(new GrantOutcome.BudgetExhausted(campaign, Asset.POINTS, 5));
    assertThat(outcomes.get(3)).isInstanceOf(GrantOutcome.Granted.class);
    assertThat(outcomes.get(4)).isEqualTo(new GrantOutcome.BudgetExhausted(campaign, Asset.POINTS, 0));
    assertThat(ledger.budget(tenant, campaign).lines().get(Asset.POINTS)).isEqualTo(new Budget.Line(25, 0, 25));
    assertThat(ledger.grantsFor(tenant, "c")).isEmpty();
  }

  @Test
  void unfundedCampaignRefusesEveryRequest() {
    long tenant = tenants.create().id();
    long campaign = CAMPAIGNS.incrementAndGet();
    List<GrantOutcome> outcomes = ledger.grantAll(List.of(
        GrantRequest.of(tenant, campaign, "r", "a", "u1", Asset.POINTS, 1),
        GrantRequest.of(tenant, campaign, "r", "b", "u1", Asset.POINTS, 1)));
    assertThat(outcomes).containsExactly(new GrantOutcome.BudgetExhausted(campaign, Asset.POINTS, 0),
        new GrantOutcome.BudgetExhausted(campaign, Asset.POINTS, 0));
  }

  @Test
  void duplicatesInsideTheBatchAndAgainstEarlierGrantsAreGrantedOnce() {
    long tenant = tenants.create().id();
    long campaign = CAMPAIGNS.incrementAndGet();
    ledger.fund(tenant, campaign, Asset.POINTS, 100, "ops");
    Grant earlier = ((GrantOutcome.Granted) ledger.grant(
        GrantRequest.of(tenant, campaign, "r", "old", "u1", Asset.POINTS, 7))).grant();

    List<GrantOutcome> outcomes = ledger.grantAll(List.of(
        GrantRequest.of(tenant, campaign, "r", "new", "u1", Asset.POINTS, 3),
        GrantRequest.of(tenant, campaign, "r", "old", "u1", Asset.POINTS, 7),
        GrantRequest.of(tenant, campaign, "r", "new", "u1", Asset.POINTS, 3),
        GrantRequest.of(tenant, campaign, "r2", "new", "u1", Asset.POINTS, 4)));

    Grant fresh = ((GrantOutcome.Granted) outcomes.get(0)).grant();
    assertThat(outcomes.get(1)).isEqualTo(new GrantOutcome.AlreadyGranted(earlier));
    assertThat(outcomes.get(2)).isEqualTo(new GrantOutcome.AlreadyGranted(fresh));
    assertThat(outcomes.get(3)).isInstanceOf(GrantOutcome.Granted.class);
    assertThat(ledger.budget(tenant, campaign).lines().get(Asset.POINTS)).isEqualTo(new Budget.Line(100, 86, 14));

    // the whole batch again: nothing new
    List<GrantOutcome> replay = ledger.grantAll(List.of(
        GrantRequest.of(tenant, campaign, "r", "new", "u1", Asset.POINTS, 3),
        GrantRequest.of(tenant, campaign, "r2", "new", "u1", Asset.POINTS, 4)));
    assertThat(replay).allSatisfy(o -> assertThat(o).isInstanceOf(GrantOutcome.AlreadyGranted.class));
    assertThat(ledger.budget(tenant, campaign).lines().get(Asset.POINTS)).isEqualTo(new Budget.Line(100, 86, 14));
  }

  @Test
  void pendingGrantsAndSeveralCampaignsInOneBatch() {
    long tenant = tenants.create().id();
    long a = CAMPAIGNS.incrementAndGet();
    long b = CAMPAIGNS.incrementAndGet();
    ledger.fund(tenant, a, Asset.POINTS, 100, "ops");
    ledger.fund(tenant, b, Asset.CASH_BACK, 100, "ops");
    Instant later = Instant.now().plusSeconds(86_400 * 30);
    List<GrantOutcome> outcomes = ledger.grantAll(List.of(
        GrantRequest.of(tenant, b, "r", "x", "u1", Asset.CASH_BACK, 30).pendingUntil(later),
        GrantRequest.of(tenant, a, "r", "x", "u1", Asset.POINTS, 20),
        GrantRequest.of(tenant, b, "r", "y", "u1", Asset.CASH_BACK, 30)));
    assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(GrantOutcome.Granted.class));
    Wallet wallet = ledger.wallet(tenant, "u1");
    assertThat(wallet.balances().get(Asset.CASH_BACK).pending()).isEqualTo(30);
    assertThat(wallet.balances().get(Asset.CASH_BACK).available()).isEqualTo(30);
    assertThat(wallet.balances().get(Asset.POINTS).available()).isEqualTo(20);
    assertThat(jdbc.sql("select count(*) from ledger_lockups where tenant_id = ?").param(tenant)
        .query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void concurrentBatchesRacingForTheLastUnitsNeverOverGrant() throws Exception {
    long tenant = tenants.create().id();
    long campaign = CAMPAIGNS.incrementAndGet();
    long funded = 500;
    ledger.fund(tenant, campaign, Asset.LOTTERY_CHANCE, funded, "ops");
    // 16 clients × 8 batches × 10 unit grants over 640 distinct keys, for 500 units; every client repeats
    // another client's keys, so concurrent twins race for the same key
    List<List<GrantOutcome>> perClient = Race.run(16, client -> {
      List<GrantOutcome> outcomes = new ArrayList<>();
      for (int round = 0; round < 8; round++) {
        List<GrantRequest> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          int owner = i % 2 == 0 ? client : (client + 1) % 16;
          batch.add(GrantRequest.of(tenant, campaign, "r", "ev-" + owner + "-" + round + "-" + i / 2, "u-" + owner,
              Asset.LOTTERY_CHANCE, 1));
        }
        outcomes.addAll(Race.retryingDeadlocks(() -> ledger.grantAll(batch)));
      }
      return outcomes;
    });
    List<GrantOutcome> all = perClient.stream().flatMap(List::stream).toList();
    long granted = all.stream().filter(GrantOutcome.Granted.class::isInstance).count();
    long keys = jdbc.sql("select count(*) from ledger_grants where tenant_id = ? and campaign_id = ?")
        .params(tenant, campaign).query(Long.class).single();
    assertThat(granted).isEqualTo(keys).isLessThanOrEqualTo(funded);
    Budget.Line line = ledger.budget(tenant, campaign).lines().get(Asset.LOTTERY_CHANCE);
    assertThat(line.granted()).isEqualTo(keys);
    assertThat(line.remaining()).isEqualTo(funded - keys);
    // demand exceeded supply, so the budget is used up
    assertThat(line.remaining()).isZero();
    assertThat(all).filteredOn(GrantOutcome.BudgetExhausted.class::isInstance).isNotEmpty();
  }
}
