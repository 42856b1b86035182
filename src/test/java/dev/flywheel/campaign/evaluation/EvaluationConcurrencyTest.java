package dev.flywheel.campaign.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.campaign.Asset;
import dev.flywheel.campaign.CampaignStatus;
import dev.flywheel.campaign.Caps;
import dev.flywheel.campaign.EffectDefinition;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.event.IngestionResult;
import dev.flywheel.support.RunningFlywheel;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Caps and budgets under concurrent events, and a batch whose connection dies half-way. */
@RunningFlywheel
class EvaluationConcurrencyTest extends EvaluationScenario {
  @Autowired EventIngestion ingestion;
  @Autowired DataSource dataSource;

  @Test
  void concurrentQualifyingEventsOfOneCustomerNeverExceedTheDailyCap() throws Exception {
    long id = aCampaign("Capped").budget(Asset.LOTTERY_CHANCE, 10_000).caps(new Caps(3, 4, null))
        .rule(rule("chance", "event.amount_fen > 100000", EffectDefinition.Grant.of(Asset.LOTTERY_CHANCE, "1")))
        .approved();
    day(0);
    List<Response> responses = race(24, i -> invest("racer", "2000"));
    assertThat(responses).allSatisfy(r -> assertThat(r.status()).isEqualTo(201));
    assertThat(responses.stream().mapToInt(r -> r.grants().size()).sum()).isEqualTo(3);
    assertThat(grants(id)).isEqualTo(3);
    assertThat(jdbc.sql("""
            select count(*) from campaign_decisions where tenant_id = :t and campaign_id = :c and reason = 'CAP_REACHED'
              and detail like 'per_day cap of 3%'""")
        .param("t", tenant.id()).param("c", id).query(Long.class).single()).isEqualTo(21);
    day(1);
    race(8, i -> invest("racer", "2000"));
    assertThat(grants(id)).as("the weekly cap of 4 stops day two after one").isEqualTo(4);
    ledgerInvariantsHold();
  }

  @Test
  void anExhaustedBudgetPausesTheCampaignAndIsNeverOverGranted() throws Exception {
    long id = aCampaign("Small budget").budget(Asset.POINTS, 250)
        .rule(rule("points", "true", EffectDefinition.Grant.of(Asset.POINTS, "100"))).approved();
    day(0);
    race(16, i -> invest("buyer-" + i, "100"));
    assertThat(grants(id)).isEqualTo(2);
    var budget = ledger.budget(tenant.id(), id).lines().get(dev.flywheel.ledger.Asset.POINTS);
    assertThat(budget.remaining()).isEqualTo(50);
    assertThat(budget.granted()).isEqualTo(200);
    assertThat(campaigns.find(tenant.id(), id).orElseThrow().status()).isEqualTo(CampaignStatus.PAUSED);
    assertThat(campaigns.audit(tenant.id(), id).getLast()).satisfies(a -> {
      assertThat(a.action()).isEqualTo("paused");
      assertThat(a.actor()).isEqualTo("budget");
    });
    assertThat(jdbc.sql("""
            select count(*) from campaign_decisions where tenant_id = :t and campaign_id = :c and reason = 'BUDGET_EXHAUSTED'""")
        .param("t", tenant.id()).param("c", id).query(Long.class).single()).isPositive();
    assertThat(invest("late-buyer", "100").grants()).as("a paused campaign listens no more").isEmpty();
    ledgerInvariantsHold();
  }

  /**
   * A 300-event batch blocks half-way on a cap row another connection holds; its connection is
   * then terminated (pg_terminate_backend). Nothing of it commits; the retried batch grants each
   * event exactly once, and a second retry grants nothing new.
   */
  @Test
  void aBatchWhoseConnectionDiesMidwayLosesAndDoublesNothingWhenRetried() throws Exception {
    long id = aCampaign("Fault").budget(Asset.POINTS, 1_000_000).caps(Caps.perCampaign(10))
        .rule(rule("points", "true", EffectDefinition.Grant.of(Asset.POINTS, "event.amount_fen / 1000"))).approved();
    Instant now = day(0);
    List<IncomingEvent> batch = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      batch.add(IncomingEvent.of("fault-" + i, "f%03d".formatted(i), "investment", now.minusSeconds(300 - i),
          Map.of("amount", new BigDecimal("1000.00"), "product", "p", "term_days", 7L)));
    }
    // the observer has its own autocommit connection: pg_stat_activity is a snapshot per transaction
    try (Connection blocker = dataSource.getConnection(); Connection observer = dataSource.getConnection()) {
      blocker.setAutoCommit(false);
      try (PreparedStatement hold = blocker.prepareStatement("""
          insert into campaign_cap_counters (tenant_id, campaign_id, customer_id, period, used) values (?, ?, 'f150', 'C', 0)""")) {
        hold.setLong(1, tenant.id());
        hold.setLong(2, id);
        hold.executeUpdate();
      }
      Future<List<IngestionResult>> first = CompletableFuture.supplyAsync(() -> ingestion.ingestBatch(tenant.id(), batch));
      int victim = waitForLockWaiter(observer, first);
      try (PreparedStatement kill = observer.prepareStatement("select pg_terminate_backend(?)")) {
        kill.setInt(1, victim);
        kill.execute();
      }
      assertThat(catching(first)).as("the batch failed").isNotNull();
      blocker.rollback();
    }
    assertThat(grants(id)).as("nothing of the failed batch committed").isZero();
    assertThat(jdbc.sql("select count(*) from campaign_decisions where tenant_id = :t").param("t", tenant.id())
        .query(Long.class).single()).isZero();

    List<IngestionResult> retried = ingestion.ingestBatch(tenant.id(), batch);
    assertThat(retried).allSatisfy(r -> assertThat(r).isInstanceOf(IngestionResult.Accepted.class));
    assertThat(grants(id)).isEqualTo(300);
    List<IngestionResult> again = ingestion.ingestBatch(tenant.id(), batch);
    assertThat(again).allSatisfy(r -> assertThat(r).isInstanceOf(IngestionResult.Duplicate.class));
    assertThat(grants(id)).isEqualTo(300);
    assertThat(ledger.budget(tenant.id(), id).lines().get(dev.flywheel.ledger.Asset.POINTS).granted()).isEqualTo(300 * 100);
    ledgerInvariantsHold();
  }

  private int waitForLockWaiter(Connection observer, Future<?> batch) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (batch.isDone()) {
        throw new AssertionError("the batch ended before it reached the held row: " + batch.get());
      }
      try (PreparedStatement find = observer.prepareStatement("""
          select pid from pg_stat_activity
          where wait_event_type = 'Lock' and query like '%campaign_cap_counters%' and pid <> pg_backend_pid()""");
          ResultSet rs = find.executeQuery()) {
        if (rs.next()) {
          return rs.getInt(1);
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the batch never waited on the held cap row");
  }

  private static Throwable catching(Future<?> future) throws InterruptedException {
    try {
      future.get(60, TimeUnit.SECONDS);
      return null;
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the batch neither failed nor finished", e);
    }
  }

  interface Call {
    Response call(int i) throws Exception;
  }

  private static List<Response> race(int clients, Call call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Response>> futures = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        int n = i;
        futures.add(pool.submit(() -> {
          start.await();
          return call.call(n);
        }));
      }
      start.countDown();
      List<Response> out = new ArrayList<>();
      for (Future<Response> f : futures) {
        out.add(f.get(60, TimeUnit.SECONDS));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
