package dev.flywheel.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.analytics.rollup.RollupFeed;
import dev.flywheel.event.EventHistory;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The analytics feed: an ingestion commits its events with one queued feed row per tenant and no
 * rollups; the rollups are written after the commit exactly once — by the worker, or by an
 * analytics question catching up first — and queued rows survive until then (what a crash
 * between the commit and the rollups leaves behind).
 */
@RunningFlywheel
class RollupFeedTest {
  @Autowired EventIngestion ingestion;
  @Autowired EventHistory history;
  @Autowired Rollups rollups;
  @Autowired RollupFeed feed;
  @Autowired Funnels funnels;
  @Autowired TestTenants tenants;
  @Autowired MovableClock clock;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;
  @Autowired io.micrometer.core.instrument.MeterRegistry metrics;

  @AfterEach
  void resumeWorker() {
    feed.pauseWorker(false);
    jdbc.execute("drop trigger if exists analytics_daily_refuses on analytics_daily");
    jdbc.execute("drop function if exists analytics_daily_refuses()");
  }

  @Test
  void anIngestionCommitsItsEventsWithAQueuedRowAndAQuestionCatchesUpBeforeItAnswers() {
    feed.pauseWorker(true);
    var testTenant = tenants.create();
    long tenant = testTenant.id();
    var api = new ApiClient(port, testTenant.apiKey());
    Instant end = clock.instant();
    ingestion.ingestBatch(tenant, journeys(end, 0, 30));

    // committed: the events and one feed row naming them; not yet any rollup
    assertThat(history.count(tenant)).isEqualTo(90);
    assertThat(jdbc.queryForObject("select cardinality(seqs) from analytics_feed where tenant_id = ?", Integer.class, tenant))
        .isEqualTo(90);
    assertThat(count("select count(*) from analytics_customers where tenant_id = ?", tenant)).isZero();
    assertThat(count("select count(*) from analytics_daily where tenant_id = ?", tenant)).isZero();
    var queued = api.get("/api/v1/analytics/rollups");
    assertThat(queued.status()).isEqualTo(200);
    assertThat(queued.<Number>get("queued_batches").longValue()).isEqualTo(1);
    assertThat(queued.<Number>get("queued_events").longValue()).isEqualTo(90);
    assertThat(queued.<Number>get("failed_batches").longValue()).isZero();
    assertThat(metrics.get("flywheel.analytics.feed.batches").tag("state", "queued").gauge().value()).isGreaterThanOrEqualTo(1);
    assertThat(metrics.get("flywheel.analytics.feed.events").gauge().value()).isGreaterThanOrEqualTo(90);
    assertThat(prometheus()).contains("flywheel_analytics_feed_batches{state=\"queued\"}",
        "flywheel_analytics_feed_events", "flywheel_analytics_feed_oldest_seconds");

    FunnelResult result = funnels.run(tenant, new FunnelDefinition(List.of("registered", "drawdown"),
        Duration.ofDays(30), end.minus(Duration.ofDays(10)), end.plusSeconds(1), Breakdown.NONE));
    assertThat(result.total().steps()).extracting(FunnelResult.Step::customers).containsExactly(30L, 20L);
    assertThat(rollups.backlog(tenant)).isEqualTo(new RollupFeed.Backlog(0, 0, 0));
    assertThat(count("select sum(events) from analytics_daily where tenant_id = ?", tenant)).isEqualTo(90);
    assertThat(api.get("/api/v1/analytics/rollups").<Number>get("queued_events").longValue()).isZero();
  }

  @Test
  void rowsLeftQueuedByAStoppedNodeAreRolledUpByTheWorkerOnceItRunsAndEqualARebuild() throws Exception {
    feed.pauseWorker(true);
    long tenant = tenants.create().id();
    Instant end = clock.instant();
    for (int batch = 0; batch < 5; batch++) {
      ingestion.ingestBatch(tenant, journeys(end, batch * 20, 20));
    }
    assertThat(rollups.backlog(tenant)).isEqualTo(new RollupFeed.Backlog(5, 300, 0));

    feed.pauseWorker(false); // what a restarted node's worker does with what the stopped one left
    long waitedUntil = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (rollups.backlog(tenant).rows() > 0 && System.nanoTime() < waitedUntil) {
      Thread.sleep(20);
    }
    assertThat(rollups.backlog(tenant).rows()).as("the worker emptied the queue").isZero();
    List<String> byWorker = rows(tenant);
    assertThat(count("select sum(events) from analytics_daily where tenant_id = ?", tenant)).isEqualTo(300);

    rollups.rebuild(tenant);
    assertThat(rows(tenant)).containsExactlyElementsOf(byWorker);
  }

  @Test
  void theWorkerAndConcurrentCatchUpsRollUpEveryQueuedEventExactlyOnce() throws Exception {
    feed.pauseWorker(true);
    long tenant = tenants.create().id();
    Instant end = clock.instant();
    for (int batch = 0; batch < 40; batch++) {
      ingestion.ingestBatch(tenant, journeys(end, batch * 5, 5));
    }
    assertThat(rollups.backlog(tenant).events()).isEqualTo(600);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> racers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        racers.add(pool.submit(() -> {
          start.await();
          rollups.catchUp(tenant);
          return null;
        }));
      }
      start.countDown();
      feed.pauseWorker(false);
      for (Future<?> racer : racers) {
        racer.get(1, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(rollups.backlog(tenant).rows()).isZero();
    // the additive daily rollup would show any event applied twice
    assertThat(count("select sum(events) from analytics_daily where tenant_id = ?", tenant)).isEqualTo(600);
    assertThat(count("select count(*) from analytics_customers where tenant_id = ?", tenant)).isEqualTo(200);
  }

  @Test
  void aRowWhoseRollupsFailIsRetriedAloneAndKeptWithItsErrorWhileTheOthersAreApplied() {
    feed.pauseWorker(true);
    long broken = tenants.create().id();
    long healthy = tenants.create().id();
    Instant end = clock.instant();
    jdbc.execute("""
        create or replace function analytics_daily_refuses() returns trigger language plpgsql as $$
        begin raise exception 'refused for the test'; end $$""");
    jdbc.execute("create trigger analytics_daily_refuses before insert on analytics_daily for each row when (new.tenant_id = "
        + broken + ") execute function analytics_daily_refuses()");
    ingestion.ingestBatch(broken, journeys(end, 0, 4));
    ingestion.ingestBatch(broken, journeys(end, 4, 4));
    ingestion.ingestBatch(healthy, journeys(end, 0, 4));

    for (int attempt = 0; attempt < 3; attempt++) {
      rollups.catchUp(broken); // a question still answers, from what could be written
    }
    rollups.catchUp(healthy);

    assertThat(rollups.backlog(broken)).isEqualTo(new RollupFeed.Backlog(2, 24, 2));
    assertThat(metrics.get("flywheel.analytics.feed.batches").tag("state", "failed").gauge().value()).isGreaterThanOrEqualTo(2);
    assertThat(jdbc.queryForList("select last_error from analytics_feed where tenant_id = ?", String.class, broken))
        .hasSize(2).allSatisfy(error -> assertThat(error).contains("refused for the test"));
    assertThat(count("select count(*) from analytics_customers where tenant_id = ?", broken)).isZero();
    assertThat(rollups.backlog(healthy).rows()).isZero();
    assertThat(count("select sum(events) from analytics_daily where tenant_id = ?", healthy)).isEqualTo(12);
  }

  /** Customers {@code first .. first+n-1}: each registers; two of three draw down, one of three twice. */
  private static List<IncomingEvent> journeys(Instant end, int first, int n) {
    List<IncomingEvent> events = new ArrayList<>();
    for (int c = first; c < first + n; c++) {
      String customer = "FEED" + c;
      Instant at = end.minus(Duration.ofDays(5)).plusSeconds(c);
      events.add(IncomingEvent.of("r" + c, customer, "registered", at, Map.of()));
      events.add(IncomingEvent.of("l" + c, customer, "app_login", at.plusSeconds(60), Map.of()));
      events.add(c % 3 == 0
          ? IncomingEvent.of("p" + c, customer, "app_login", at.plusSeconds(120), Map.of())
          : IncomingEvent.of("d" + c, customer, "drawdown", at.plusSeconds(120), Map.of("amount", new BigDecimal("100.00"))));
    }
    return events;
  }

  private List<String> rows(long tenant) {
    rollups.catchUp(tenant);
    List<String> rows = new ArrayList<>();
    for (String table : List.of("analytics_customers", "analytics_activity", "analytics_daily", "analytics_occurrences")) {
      rows.addAll(jdbc.queryForList("select '" + table + " ' || t::text from " + table + " t where tenant_id = ? order by 1",
          String.class, tenant));
    }
    return rows;
  }

  private String prometheus() {
    try (var client = java.net.http.HttpClient.newHttpClient()) {
      return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
          + "/actuator/prometheus")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private long count(String sql, long tenant) {
    Long value = jdbc.queryForObject(sql, Long.class, tenant);
    return value == null ? 0 : value;
  }
}
