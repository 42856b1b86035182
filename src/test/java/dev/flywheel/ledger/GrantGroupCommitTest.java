package dev.flywheel.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flywheel.platform.batch.GroupCommit;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.Race;
import dev.flywheel.support.TestTenants;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The grant group commit ({@link GroupCommit} with the ledger's grant paths) on the real ledger and database: racing
 * callers never over-grant and each is answered once; a failing request in a group fails only its
 * own caller; stopping answers every queued caller. Groups are formed deterministically by holding
 * the only worker in its first group until the others have queued.
 */
@RunningFlywheel
class GrantGroupCommitTest {
  private static final AtomicLong CAMPAIGNS = new AtomicLong(12_000);
  @Autowired TestTenants tenants;
  @Autowired Ledger ledger;
  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactions;
  private TransactionTemplate tx;

  @BeforeEach
  void transactions() {
    tx = new TransactionTemplate(transactions);
  }

  @AfterEach
  void invariantsHold() {
    LedgerInvariants.assertHold(jdbc);
  }

  /** The ledger's own group and single-grant paths, each in a transaction of its own. */
  private Function<List<GrantRequest>, List<GrantOutcome>> group() {
    return requests -> tx.execute(s -> ledger.grantAll(requests));
  }

  private Function<GrantRequest, GrantOutcome> alone() {
    return request -> tx.execute(s -> ledger.grant(request));
  }

  private static GroupCommit<GrantRequest, GrantOutcome> commit(int maxSize, int workers,
      Function<List<GrantRequest>, List<GrantOutcome>> group, Function<GrantRequest, GrantOutcome> alone) {
    return new GroupCommit<>("test-grant-group", new GroupCommit.Limits(maxSize, Duration.ZERO, workers), group, alone,
        "it may be granted: ask again with the same key");
  }

  @Test
  void sixtyFourRacingCallersTakeExactlyTheBudgetAndEachIsAnsweredOnce() throws Exception {
    long tenant = tenants.create().id();
    long campaign = CAMPAIGNS.incrementAndGet();
    ledger.fund(tenant, campaign, Asset.LOTTERY_CHANCE, 300, "ops");
    GroupCommit<GrantRequest, GrantOutcome> commit = commit(32, 2, group(), alone());
    try {
      List<List<GrantOutcome>> perClient = Race.run(64, client -> {
        List<GrantOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          GrantRequest r = GrantRequest.of(tenant, campaign, "r", "ev-" + client + "-" + i, "u-" + client,
              Asset.LOTTERY_CHANCE, 1);
          GrantOutcome o = Race.retryingDeadlocks(() -> commit.submit(r));
          outcomes.add(o);
          if (o instanceof GrantOutcome.BudgetExhausted) {
            break;
          }
        }
        return outcomes;
      });
      List<GrantOutcome> all = perClient.stream().flatMap(List::stream).toList();
      assertThat(all).filteredOn(GrantOutcome.Granted.class::isInstance).hasSize(300);
      assertThat(all).filteredOn(GrantOutcome.BudgetExhausted.class::isInstance)
          .as("a refusal means nothing was left").isNotEmpty()
          .allMatch(o -> ((GrantOutcome.BudgetExhausted) o).remaining() == 0);
      assertThat(all).noneMatch(GrantOutcome.AlreadyGranted.class::isInstance);
      assertThat(ledger.budget(tenant, campaign).lines().get(Asset.LOTTERY_CHANCE))
          .isEqualTo(new Budget.Line(300, 0, 300));
      assertThat(jdbc.sql("select count(*) from ledger_grants where tenant_id = ? and campaign_id = ?")
          .params(tenant, campaign).query(Long.class).single()).isEqualTo(300);
      GroupCommit.Stats stats = commit.stats();
      assertThat(stats.requests()).isEqualTo(all.size());
      assertThat(stats.groups()).isLessThanOrEqualTo(stats.requests());
    } finally {
      commit.stop();
    }
  }

  @Test
  void aRequestThatFailsInAGroupFailsOnlyItsOwnCaller() throws Exception {
    long tenant = tenants.create().id();
    long campaign = CAMPAIGNS.incrementAndGet();
    ledger.fund(tenant, campaign, Asset.POINTS, 1_000, "ops");
    Gate gate = new Gate();
    GroupCommit<GrantRequest, GrantOutcome> commit = commit(100, 1, gate.holdingFirst(group()), gate.holdingFirstAlone(alone()));
    try (ExecutorService callers = Executors.newCachedThreadPool()) {
      Future<GrantOutcome> first = callers.submit(() -> commit.submit(
          GrantRequest.of(tenant, campaign, "r", "ev-first", "u-0", Asset.POINTS, 1)));
      gate.held.await();
      List<Future<GrantOutcome>> good = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        GrantRequest r = GrantRequest.of(tenant, campaign, "r", "ev-" + i, "u-" + i % 5, Asset.POINTS, 10);
        good.add(callers.submit(() -> commit.submit(r)));
      }
      // a coupon template that does not exist: grantAll throws, the whole group rolls back
      Future<GrantOutcome> bad = callers.submit(() -> commit.submit(
          GrantRequest.coupons(tenant, campaign, "c", "ev-bad", "u-1", 987_654_321L, 1)));
      gate.releaseWhenQueued(commit, 21);

      assertThat(first.get()).isInstanceOf(GrantOutcome.Granted.class);
      for (Future<GrantOutcome> f : good) {
        assertThat(f.get()).isInstanceOf(GrantOutcome.Granted.class);
      }
      assertThatThrownBy(bad::get).hasRootCauseInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no coupon template");
    }
    assertThat(commit.stats().fallbacks()).as("the group failed once and was retried grant by grant").isEqualTo(1);
    assertThat(jdbc.sql("""
            select count(*) from ledger_grants where tenant_id = ? and campaign_id = ?
            group by source_event_id having count(*) > 1""").params(tenant, campaign).query(Long.class).list())
        .as("no grant twice").isEmpty();
    assertThat(ledger.budget(tenant, campaign).lines().get(Asset.POINTS))
        .as("the first grant and the 20 good ones, nothing else").isEqualTo(new Budget.Line(1_000, 799, 201));
    commit.stop();
  }

  @Test
  void stoppingAnswersEveryQueuedCallerAndLaterCallersStillGetTheirGrant() throws Exception {
    long tenant = tenants.create().id();
    long campaign = CAMPAIGNS.incrementAndGet();
    ledger.fund(tenant, campaign, Asset.POINTS, 1_000, "ops");
    Gate gate = new Gate();
    GroupCommit<GrantRequest, GrantOutcome> commit = commit(4, 1, gate.holdingFirst(group()), gate.holdingFirstAlone(alone()));
    try (ExecutorService callers = Executors.newCachedThreadPool()) {
      Future<GrantOutcome> first = callers.submit(() -> commit.submit(
          GrantRequest.of(tenant, campaign, "r", "ev-first", "u-0", Asset.POINTS, 1)));
      gate.held.await();
      List<Future<GrantOutcome>> queued = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        GrantRequest r = GrantRequest.of(tenant, campaign, "r", "ev-" + i, "u-" + i, Asset.POINTS, 2);
        queued.add(callers.submit(() -> commit.submit(r)));
      }
      while (commit.queued() < 10) {
        Thread.onSpinWait();
      }
      // stop while the only worker is held in its group and ten callers wait in the queue
      CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
        try {
          commit.stop();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }, callers);
      gate.release();
      stopped.get();

      assertThat(first.get()).isInstanceOf(GrantOutcome.Granted.class);
      for (Future<GrantOutcome> f : queued) {
        assertThat(f.get()).isInstanceOf(GrantOutcome.Granted.class);
      }
      assertThat(commit.submit(GrantRequest.of(tenant, campaign, "r", "ev-late", "u-9", Asset.POINTS, 5)))
          .as("after stop, a grant runs in the caller's thread").isInstanceOf(GrantOutcome.Granted.class);
    }
    assertThat(ledger.budget(tenant, campaign).lines().get(Asset.POINTS))
        .isEqualTo(new Budget.Line(1_000, 1_000 - 26, 26));
    assertThat(jdbc.sql("select count(*) from ledger_grants where tenant_id = ? and campaign_id = ?")
        .params(tenant, campaign).query(Long.class).single()).isEqualTo(12);
  }

  /** Holds the worker inside its first group (of one: the single-grant path) until released, so the next callers queue behind it. */
  private static final class Gate {
    final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch open = new CountDownLatch(1);
    private final AtomicBoolean first = new AtomicBoolean(true);

    Function<List<GrantRequest>, List<GrantOutcome>> holdingFirst(
        Function<List<GrantRequest>, List<GrantOutcome>> group) {
      return requests -> {
        hold();
        return group.apply(requests);
      };
    }

    Function<GrantRequest, GrantOutcome> holdingFirstAlone(Function<GrantRequest, GrantOutcome> alone) {
      return request -> {
        hold();
        return alone.apply(request);
      };
    }

    void hold() {
      if (first.compareAndSet(true, false)) {
        held.countDown();
        try {
          open.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }

    void releaseWhenQueued(GroupCommit<?, ?> commit, int waiting) {
      while (commit.queued() < waiting) {
        Thread.onSpinWait();
      }
      release();
    }

    void release() {
      open.countDown();
    }
  }
}
