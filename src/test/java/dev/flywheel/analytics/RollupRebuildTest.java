package dev.flywheel.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.event.EventHistory;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.simulator.Simulation;
import dev.flywheel.simulator.SimulationPlan;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A rebuild from the event store reproduces, row for row, the rollups live ingestion wrote; it is
 * idempotent; and it stays exact (daily counts included) while the tenant keeps ingesting.
 */
@RunningFlywheel
class RollupRebuildTest {
  private static final List<String> TABLES = List.of("analytics_customers", "analytics_activity", "analytics_daily",
      "analytics_funder_daily", "analytics_occurrences", "analytics_campaign_customers");
  @Autowired Simulation simulation;
  @Autowired EventIngestion ingestion;
  @Autowired EventHistory history;
  @Autowired Rollups rollups;
  @Autowired TestTenants tenants;
  @Autowired MovableClock clock;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transactions;

  @Test
  void aRebuildReproducesTheLiveRollupsRowForRowAndTwiceIsTheSame() {
    long tenant = tenants.create().id();
    simulation.run(tenant, new SimulationPlan(11, 400, 120, clock.instant(), "RB"));
    Map<String, List<String>> live = rows(tenant);
    assertThat(live.get("analytics_customers")).hasSize(400);
    assertThat(live.values()).allSatisfy(rows -> assertThat(rows).isNotEmpty());

    assertThat(rollups.rebuild(tenant)).isEqualTo(history.count(tenant));
    assertSameRows(rows(tenant), live);
    assertThat(rollups.rebuild(tenant)).isEqualTo(history.count(tenant));
    assertSameRows(rows(tenant), live);
  }

  @Test
  void aRebuildRacingIngestionCountsEveryEventExactlyOnce() throws Exception {
    long tenant = tenants.create().id();
    Instant end = clock.instant();
    simulation.run(tenant, new SimulationPlan(12, 200, 60, end, "RC"));
    List<IncomingEvent> extra = extraEvents(end, 1_500);
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean ingesting = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> rebuilds = pool.submit(() -> {
        start.await();
        int n = 0;
        do {
          rollups.rebuild(tenant);
          n++;
        } while (ingesting.get());
        return n;
      });
      Future<?> ingested = pool.submit(() -> {
        start.await();
        try {
          for (int i = 0; i < extra.size(); i += 15) {
            ingestion.ingestBatch(tenant, extra.subList(i, Math.min(extra.size(), i + 15)));
          }
        } finally {
          ingesting.set(false);
        }
        return null;
      });
      start.countDown();
      ingested.get(2, TimeUnit.MINUTES);
      assertThat(rebuilds.get(2, TimeUnit.MINUTES)).isPositive();
    } finally {
      pool.shutdownNow();
    }
    Map<String, List<String>> raced = rows(tenant);
    assertThat(rollups.backlog(tenant).rows()).isZero();
    assertThat(jdbc.queryForObject("select sum(events) from analytics_daily where tenant_id = ?", Long.class, tenant))
        .isEqualTo(history.count(tenant));
    rollups.rebuild(tenant);
    assertSameRows(raced, rows(tenant));
  }

  @Test
  void aRebuildWaitsForAnIngestionThatAlreadyQueuedRollupsAndThenCountsItsEventOnce() throws Exception {
    long tenant = tenants.create().id();
    Instant end = clock.instant();
    ingestion.ingestBatch(tenant, extraEvents(end, 40));
    CountDownLatch applied = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      // an ingestion transaction that has queued its rollups (a new day, a new customer) but not committed yet
      Future<?> open = pool.submit(() -> transactions.executeWithoutResult(status -> {
        ingestion.ingestBatch(tenant, List.of(IncomingEvent.of("held", "HELD1", "drawdown", end.minus(Duration.ofDays(100)),
            Map.of("amount", new BigDecimal("70.00")))));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
          @Override
          public void beforeCommit(boolean readOnly) { // runs after the rollup buffer (which queued), registered before it
            applied.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        });
      }));
      assertThat(applied.await(1, TimeUnit.MINUTES)).isTrue();
      Future<Long> rebuilt = pool.submit(() -> rollups.rebuild(tenant));
      while (!rebuilt.isDone() && waitingForTheRollupLock(tenant) == 0) {
        Thread.onSpinWait();
      }
      assertThat(rebuilt.isDone()).as("the rebuild waits for the open ingestion").isFalse();
      release.countDown();
      open.get(1, TimeUnit.MINUTES);
      assertThat(rebuilt.get(1, TimeUnit.MINUTES)).isEqualTo(41);
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
    rollups.catchUp(tenant);
    assertThat(jdbc.queryForObject("select sum(events) from analytics_daily where tenant_id = ?", Long.class, tenant))
        .isEqualTo(41);
    Map<String, List<String>> afterRace = rows(tenant);
    rollups.rebuild(tenant);
    assertSameRows(afterRace, rows(tenant));
  }

  private int waitingForTheRollupLock(long tenant) {
    return jdbc.queryForObject("""
        select count(*) from pg_locks
        where locktype = 'advisory' and not granted and classid = 1011 and objid = ? and objsubid = 2""",
        Integer.class, tenant);
  }

  /** Late and new customers' events across the simulated period: logins, draws, decisions, campaign shares. */
  private static List<IncomingEvent> extraEvents(Instant end, int count) {
    List<IncomingEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String customer = (i % 3 == 0 ? "NEW" : "RC") + (i % 250);
      Instant at = end.minus(Duration.ofMinutes(37L * i % (60 * 24 * 59)));
      String id = "x" + i;
      events.add(switch (i % 5) {
        case 0 -> IncomingEvent.of(id, customer, "app_login", at, Map.of());
        case 1 -> IncomingEvent.of(id, customer, "drawdown", at, Map.of("amount", new BigDecimal("12.34").multiply(BigDecimal.valueOf(i % 7 + 1)), "funder", "F" + i % 3));
        case 2 -> IncomingEvent.of(id, customer, "funder_decision", at,
            Map.of("funder", "F" + i % 3, "result", i % 2 == 0 ? "approved" : "rejected", "credit_line", new BigDecimal("1000.00")));
        case 3 -> new IncomingEvent(id, customer, "share", at, Map.of("target", "friend", "channel", "wechat"), "referral", "spring");
        default -> new IncomingEvent(id, customer, "page_view", at, Map.of("page", "landing", "variant", "v" + i % 2), "ads", null);
      });
    }
    return events;
  }

  private static void assertSameRows(Map<String, List<String>> actual, Map<String, List<String>> expected) {
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    expected.forEach((table, rows) -> assertThat(actual.get(table)).as(table).containsExactlyElementsOf(rows));
  }

  /** The tenant's rollup rows, once every queued event is rolled up. */
  private Map<String, List<String>> rows(long tenant) {
    rollups.catchUp(tenant);
    Map<String, List<String>> rows = new LinkedHashMap<>();
    for (String table : TABLES) {
      rows.put(table, jdbc.queryForList("select t::text from " + table + " t where tenant_id = ? order by 1", String.class, tenant));
    }
    return rows;
  }
}
