package dev.flywheel.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A transaction that tried a batch of grants, rolled back to a {@link Ledger#savepoint} and grants
 * again one by one (what the campaign evaluator does when a budget runs short) holds nothing of
 * the batch any more, and the ledger knows it: its next grant waits for a budget another
 * transaction holds, instead of being refused as "contended" while the budget still pays — and
 * the campaign is paused only by an exhaustion that stands.
 */
@RunningFlywheel
class LedgerSavepointTest {
  private static final AtomicLong CAMPAIGNS = new AtomicLong(9_100);
  @Autowired TestTenants tenants;
  @Autowired Ledger ledger;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate tx;

  @AfterEach
  void invariantsHold() {
    LedgerInvariants.assertHold(jdbc);
  }

  @Test
  void afterARollbackToTheSavepointAGrantWaitsForTheBudgetAnotherTransactionHoldsAndIsPaid() throws Exception {
    long tenant = tenants.create().id();
    long campaign = CAMPAIGNS.incrementAndGet();
    ledger.fund(tenant, campaign, Asset.POINTS, 250, "ops");
    CountDownLatch rolledBack = new CountDownLatch(1);
    CountDownLatch otherHolds = new CountDownLatch(1);
    CountDownLatch releaseOther = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<GrantOutcome> other = pool.submit(() -> tx.execute(status -> {
        await(rolledBack);
        GrantOutcome outcome = ledger.grant(GrantRequest.of(tenant, campaign, "r", "other", "c-other", Asset.POINTS, 100));
        otherHolds.countDown(); // holds the budget's main account until it commits
        await(releaseOther);
        return outcome;
      }));
      Future<List<GrantOutcome>> retried = pool.submit(() -> tx.execute(status -> {
        Ledger.Savepoint savepoint = ledger.savepoint();
        List<GrantOutcome> batch = ledger.grantAll(List.of(request(tenant, campaign, 1), request(tenant, campaign, 2),
            request(tenant, campaign, 3)));
        assertThat(batch).filteredOn(o -> o instanceof GrantOutcome.BudgetExhausted).hasSize(1);
        savepoint.rollBack();
        rolledBack.countDown();
        await(otherHolds);
        return List.of(ledger.grant(request(tenant, campaign, 1)), ledger.grant(request(tenant, campaign, 2)));
      }));
      CompletableFuture.runAsync(() -> {
        while (!retried.isDone() && waitingForALock() == 0) {
          Thread.onSpinWait();
        }
        releaseOther.countDown();
      });
      assertThat(other.get(1, TimeUnit.MINUTES)).isInstanceOf(GrantOutcome.Granted.class);
      assertThat(retried.get(1, TimeUnit.MINUTES)).satisfiesExactly(
          first -> assertThat(first).as("waited for the budget, then paid").isInstanceOf(GrantOutcome.Granted.class),
          second -> assertThat(second).as("150 left after the first: 50 short").isInstanceOf(GrantOutcome.BudgetExhausted.class));
    } finally {
      releaseOther.countDown();
      pool.shutdownNow();
    }
    Budget.Line line = ledger.budget(tenant, campaign).lines().get(Asset.POINTS);
    assertThat(line.granted()).isEqualTo(200);
    assertThat(line.remaining()).isEqualTo(50);
    assertThat(ledger.budgetExhausted(tenant, campaign, Asset.POINTS)).isTrue();
  }

  @Test
  void anExhaustionRecordedInsideASavepointThatWasRolledBackDoesNotStand() {
    long tenant = tenants.create().id();
    long campaign = CAMPAIGNS.incrementAndGet();
    ledger.fund(tenant, campaign, Asset.POINTS, 250, "ops");
    tx.executeWithoutResult(status -> {
      Ledger.Savepoint savepoint = ledger.savepoint();
      assertThat(ledger.grant(GrantRequest.of(tenant, campaign, "r", "big", "c1", Asset.POINTS, 300)))
          .isInstanceOf(GrantOutcome.BudgetExhausted.class);
      savepoint.rollBack();
      assertThat(ledger.grant(GrantRequest.of(tenant, campaign, "r", "small", "c1", Asset.POINTS, 100)))
          .isInstanceOf(GrantOutcome.Granted.class);
    });
    assertThat(ledger.budgetExhausted(tenant, campaign, Asset.POINTS)).isFalse();
    tx.executeWithoutResult(status -> assertThat(ledger.grant(
        GrantRequest.of(tenant, campaign, "r", "too-big", "c2", Asset.POINTS, 200))).isInstanceOf(GrantOutcome.BudgetExhausted.class));
    assertThat(ledger.budgetExhausted(tenant, campaign, Asset.POINTS)).isTrue();
  }

  private int waitingForALock() {
    return jdbc.sql("select count(*) from pg_locks where not granted and locktype = 'transactionid'").query(Integer.class).single();
  }

  private static GrantRequest request(long tenant, long campaign, int n) {
    return GrantRequest.of(tenant, campaign, "r", "batch-" + n, "c-" + n, Asset.POINTS, 100);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(1, TimeUnit.MINUTES)) {
        throw new IllegalStateException("timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
