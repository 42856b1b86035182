package dev.flywheel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.analytics.Rollups;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.event.IngestionResult;
import dev.flywheel.event.store.Partitions;
import dev.flywheel.event.types.AttributeJson;
import dev.flywheel.simulator.SimulatedEvents;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Event ingestion through the real code path ({@link EventIngestion#ingestBatch}: validation,
 * idempotency keys, event store, customer-state update, one transaction per batch) against a raw
 * JDBC batched {@code INSERT} of the same rows into the same {@code events} table, measured in
 * the same run with the rounds interleaved, because the machine is noisy.
 *
 * <p>The baseline writes {@code events} only (no {@code event_keys}, no customers): it is the
 * floor the real path is compared with, one {@code PreparedStatement.addBatch/executeBatch} and
 * one transaction per 1,000 rows, taking its {@code seq} from the same sequence. Each path has
 * its own fresh tenant, so their rows never collide. After the warm-up the tables are analysed
 * ({@link BenchSettings#analyze}), as autovacuum would have done on any running database, so the
 * measurement is of the steady state. Asserts correctness only, never speed.
 *
 * <p>The real path's analytics rollups are written after its commit, from the analytics feed.
 * After each real batch the benchmark waits until they are written ({@link Rollups#catchUp}),
 * outside the batch's timing and before the next raw batch, so the baseline never shares the
 * machine with them; that wait is reported too, as the rate of ingestion with its rollups.
 */
@RunningFlywheel
class IngestionBenchmarkTest {
  private static final int BATCH = 1_000;
  private static final String RAW_INSERT = """
      insert into events (tenant_id, seq, event_id, customer_id, type, occurred_at, received_at,
                          attributes, channel, campaign)
      values (?, nextval('event_seq'), ?, ?, ?, ?, ?, ?::jsonb, ?, ?)""";

  @Autowired EventIngestion ingestion;
  @Autowired Partitions partitions;
  @Autowired DataSource dataSource;
  @Autowired JdbcClient jdbc;
  @Autowired TestTenants tenants;
  @Autowired Clock clock;
  @Autowired Rollups rollups;

  @Test
  void ingestionThroughTheRealPathAgainstARawBatchedInsert() throws SQLException {
    int warmup = BenchSettings.integer("ingestion.warmup", 2);
    int measured = BenchSettings.integer("ingestion.batches", 4);
    int batches = warmup + measured;
    long realTenant = tenants.create().id();
    long rawTenant = tenants.create().id();
    Instant end = clock.instant().minus(Duration.ofHours(1));
    List<IncomingEvent> events = SimulatedEvents
        .stream(2026, Integer.MAX_VALUE, 365, end, "B" + realTenant + "-")
        .limit((long) batches * BATCH).toList();
    // Partitions are made on demand by the real path; make them now so neither path pays for it.
    partitions.ensureFor(events.stream().map(IncomingEvent::occurredAt).toList());

    Histogram real = new Histogram(3_600_000_000L, 3);
    Histogram raw = new Histogram(3_600_000_000L, 3);
    long realNanos = 0;
    long rollupNanos = 0;
    long rawNanos = 0;
    List<Double> pairRatios = new ArrayList<>();
    for (int b = 0; b < batches; b++) {
      List<IncomingEvent> batch = events.subList(b * BATCH, (b + 1) * BATCH);
      // alternate which goes first, so neither always runs on a warmer (or colder) machine
      long rawTime;
      long realTime;
      long rollupTime;
      if (b % 2 == 0) {
        rawTime = timed(() -> rawInsert(rawTenant, batch));
        realTime = timed(() -> realIngest(realTenant, batch));
        rollupTime = timed(() -> rollups.catchUp(realTenant));
      } else {
        realTime = timed(() -> realIngest(realTenant, batch));
        rollupTime = timed(() -> rollups.catchUp(realTenant));
        rawTime = timed(() -> rawInsert(rawTenant, batch));
      }
      if (b == warmup - 1) {
        BenchSettings.analyze(jdbc);
      }
      if (b >= warmup) {
        real.recordValue(realTime / 1_000);
        raw.recordValue(rawTime / 1_000);
        realNanos += realTime;
        rollupNanos += rollupTime;
        rawNanos += rawTime;
        pairRatios.add((double) rawTime / realTime);
      }
    }

    long rows = (long) batches * BATCH;
    assertThat(count("select count(*) from events where tenant_id = ?", realTenant)).isEqualTo(rows);
    assertThat(count("select count(distinct event_id) from events where tenant_id = ?", realTenant)).isEqualTo(rows);
    assertThat(count("select count(*) from event_keys where tenant_id = ?", realTenant)).isEqualTo(rows);
    assertThat(count("select count(*) from customers where tenant_id = ?", realTenant))
        .isEqualTo(events.stream().map(IncomingEvent::customerId).distinct().count());
    assertThat(rollups.backlog(realTenant).rows()).isZero();
    assertThat(count("select sum(events) from analytics_daily where tenant_id = ?", realTenant)).isEqualTo(rows);
    assertThat(count("select count(*) from events where tenant_id = ?", rawTenant)).isEqualTo(rows);
    assertThat(count("select count(distinct event_id) from events where tenant_id = ?", rawTenant)).isEqualTo(rows);

    double measuredRows = (double) measured * BATCH;
    double realRate = measuredRows / (realNanos / 1e9);
    double rawRate = measuredRows / (rawNanos / 1e9);
    double withRollupsRate = measuredRows / ((realNanos + rollupNanos) / 1e9);
    Collections.sort(pairRatios);
    new BenchReport("Event ingestion: real path vs raw JDBC batch insert")
        .line("%d measured rounds of %,d events after %d warm-up rounds; in each round one batch per path, "
            + "alternating which goes first. Events from the simulator (seed 2026), %,d customers.",
            measured, BATCH, warmup, events.stream().map(IncomingEvent::customerId).distinct().count())
        .line("")
        .header("path", "rows/s", "p50 ms/batch", "p99 ms/batch", "max ms/batch")
        .row("raw JDBC `executeBatch` into `events` (baseline)", BenchReport.rate(rawRate),
            BenchReport.ms(raw, 50), BenchReport.ms(raw, 99), BenchReport.maxMs(raw))
        .row("`EventIngestion.ingestBatch` (real path)", BenchReport.rate(realRate),
            BenchReport.ms(real, 50), BenchReport.ms(real, 99), BenchReport.maxMs(real))
        .row("the real path, then until its rollups are written (feed caught up)", BenchReport.rate(withRollupsRate),
            "–", "–", "–")
        .line("")
        .line("Tables analysed after the warm-up: %s.", BenchSettings.analyzing() ? "yes" : "no (cold statistics)")
        .line("")
        .line("**Ratio real/raw: %s** (target ≥ 0.40×); median of the per-round ratios: %s.",
            BenchReport.ratio(realRate / rawRate), BenchReport.ratio(pairRatios.get(pairRatios.size() / 2)))
        .line("")
        .line("With the rollups written after each batch: %s of the baseline's rate.",
            BenchReport.ratio(withRollupsRate / rawRate))
        .publish("ingestion");
  }

  private void realIngest(long tenantId, List<IncomingEvent> batch) {
    List<IngestionResult> results = ingestion.ingestBatch(tenantId, batch);
    if (!results.stream().allMatch(r -> r instanceof IngestionResult.Accepted)) {
      throw new AssertionError("not all accepted: " + results.stream()
          .filter(r -> !(r instanceof IngestionResult.Accepted)).limit(3).toList());
    }
  }

  private void rawInsert(long tenantId, List<IncomingEvent> batch) {
    OffsetDateTime receivedAt = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    try (Connection con = dataSource.getConnection()) {
      con.setAutoCommit(false);
      try (PreparedStatement ps = con.prepareStatement(RAW_INSERT)) {
        for (IncomingEvent e : batch) {
          ps.setLong(1, tenantId);
          ps.setString(2, e.eventId());
          ps.setString(3, e.customerId());
          ps.setString(4, e.type());
          ps.setObject(5, OffsetDateTime.ofInstant(e.occurredAt().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
          ps.setObject(6, receivedAt);
          ps.setString(7, AttributeJson.write(e.attributes()));
          ps.setString(8, e.channel());
          ps.setString(9, e.campaign());
          ps.addBatch();
        }
        ps.executeBatch();
        con.commit();
      } catch (SQLException | RuntimeException ex) {
        con.rollback();
        throw ex;
      }
    } catch (SQLException ex) {
      throw new IllegalStateException(ex);
    }
  }

  private long count(String sql, long tenantId) {
    return jdbc.sql(sql).param(tenantId).query(Long.class).single();
  }

  private static long timed(Runnable work) {
    long start = System.nanoTime();
    work.run();
    return System.nanoTime() - start;
  }
}
