package dev.flywheel.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Race;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The budget's slow path (refill, consolidation) under transactions that touch several budgets
 * and wallets, and the same budget more than once, in different orders: PostgreSQL must never
 * have to abort one as a deadlock victim (no retries here), and every ledger invariant holds.
 */
@RunningFlywheel
class BudgetLockOrderRaceTest {
  private static final AtomicLong CAMPAIGNS = new AtomicLong(7_000);
  private static final int CLIENTS = 32;
  private static final int ROUNDS = 12;
  @Autowired TestTenants tenants;
  @Autowired Ledger ledger;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate tx;

  @AfterEach
  void invariantsHold() {
    LedgerInvariants.assertHold(jdbc);
  }

  @Test
  void batchesOverOverlappingBudgetsAndWalletsInAnyOrderNeverDeadlock() throws Exception {
    long tenant = tenants.create().id();
    List<Long> campaigns = fundThree(tenant);
    AtomicInteger deadlocks = new AtomicInteger();
    Race.run(CLIENTS, client -> {
      for (int round = 0; round < ROUNDS; round++) {
        List<GrantRequest> batch = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
          batch.add(request(tenant, campaigns, client, round, i));
        }
        try {
          ledger.grantAll(batch);
        } catch (PessimisticLockingFailureException deadlock) {
          deadlocks.incrementAndGet();
        }
      }
      return null;
    });
    assertThat(deadlocks.get()).as("deadlock victims").isZero();
    assertBudgetsAddUp(tenant, campaigns);
  }

  /**
   * Several {@code Ledger.grant} calls in one transaction (as an event's effects, a lottery draw or
   * the evaluator's grant-by-grant fallback make them): one customer per transaction, customers
   * shared between transactions, the same budget more than once and budgets in any order.
   */
  @Test
  void singleGrantsOfTheSameBudgetsTwiceInOneTransactionNeverDeadlock() throws Exception {
    long tenant = tenants.create().id();
    List<Long> campaigns = fundThree(tenant);
    AtomicInteger deadlocks = new AtomicInteger();
    Race.run(CLIENTS, client -> {
      for (int round = 0; round < ROUNDS; round++) {
        int r = round;
        String customer = "u-" + ThreadLocalRandom.current().nextInt(6);
        try {
          tx.executeWithoutResult(status -> {
            for (int i = 0; i < 4; i++) {
              GrantRequest any = request(tenant, campaigns, client, r, i);
              ledger.grant(GrantRequest.of(tenant, any.campaignId(), "r", any.sourceEventId(), customer,
                  Asset.CASH_BACK, any.amount()));
            }
          });
        } catch (PessimisticLockingFailureException deadlock) {
          if (deadlocks.incrementAndGet() <= 3) {
            System.out.println("DEADLOCK " + deadlock.getMessage() + " / " + deadlock.getMostSpecificCause());
          }
        }
      }
      return null;
    });
    assertThat(deadlocks.get()).as("deadlock victims").isZero();
    assertBudgetsAddUp(tenant, campaigns);
  }

  /** Three small budgets: chunks of a few units, so refills and consolidations happen all the time. */
  private List<Long> fundThree(long tenant) {
    List<Long> campaigns = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      long campaign = CAMPAIGNS.incrementAndGet();
      ledger.fund(tenant, campaign, Asset.CASH_BACK, 900, "ops");
      campaigns.add(campaign);
    }
    return campaigns;
  }

  private static GrantRequest request(long tenant, List<Long> campaigns, int client, int round, int i) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    List<Long> shuffled = new ArrayList<>(campaigns);
    Collections.shuffle(shuffled, random);
    return GrantRequest.of(tenant, shuffled.getFirst(), "r", "ev-" + client + "-" + round + "-" + i,
        "u-" + random.nextInt(6), Asset.CASH_BACK, random.nextLong(1, 9));
  }

  private void assertBudgetsAddUp(long tenant, List<Long> campaigns) {
    for (long campaign : campaigns) {
      Budget.Line line = ledger.budget(tenant, campaign).lines().get(Asset.CASH_BACK);
      long granted = jdbc.sql("select coalesce(sum(amount), 0) from ledger_grants where tenant_id = :t and campaign_id = :c")
          .param("t", tenant).param("c", campaign).query(Long.class).single();
      assertThat(line.granted()).isEqualTo(granted);
      assertThat(line.funded()).isEqualTo(line.granted() + line.remaining());
    }
  }
}
