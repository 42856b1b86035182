package dev.flywheel.bench;

import static dev.flywheel.bench.AnalyticsBenchmarkTest.ms;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.analytics.Breakdown;
import dev.flywheel.analytics.FunnelDefinition;
import dev.flywheel.analytics.Funnels;
import dev.flywheel.analytics.NaiveFunnel;
import dev.flywheel.analytics.Retention;
import dev.flywheel.analytics.RetentionQuery;
import dev.flywheel.analytics.Rollups;
import dev.flywheel.analytics.funnel.FunnelSql;
import dev.flywheel.analytics.funnel.RetentionSql;
import dev.flywheel.analytics.rollup.MilestoneKeys;
import dev.flywheel.analytics.rollup.Milestones;
import dev.flywheel.analytics.rollup.ReturnEvents;
import dev.flywheel.event.store.Partitions;
import dev.flywheel.simulator.GeneratedHistory;
import dev.flywheel.simulator.SimulatedCustomer;
import dev.flywheel.simulator.SimulationPlan;
import dev.flywheel.support.TestTenants;
import dev.flywheel.support.RunningFlywheel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The analytics benchmark at the scale (10 M events ≈ 700,000 customers with
 * {@code -Dflywheel.bench.analytics.events=10000000}) without the slow per-event ingestion: the
 * simulator's events are written into the event store with {@code COPY} ({@link EventCopy}),
 * the rollups are built by the module's own {@link Rollups#rebuild}, then the loan funnel by
 * channel and weekly retention are timed against DuckDB over the same event rows, results
 * asserted equal. The report adds the PostgreSQL plans (EXPLAIN ANALYZE) and the load average.
 */
@RunningFlywheel
class AnalyticsAtScaleBenchmarkTest {
  private static final Instant END = Instant.parse("2026-06-30T16:00:00Z");
  private static final int DAYS = 180;
  private static final int CUSTOMERS_PER_COPY = 2_000;

  @Autowired Funnels funnels;
  @Autowired Retention retention;
  @Autowired Rollups rollups;
  @Autowired MilestoneKeys keys;
  @Autowired TestTenants tenants;
  @Autowired DataSource dataSource;
  @Autowired JdbcClient jdbc;
  @Autowired Partitions partitions;

  @Test
  void funnelAndRetentionAtScaleAgainstDuckDb() throws Exception {
    long target = BenchSettings.integer("analytics.events", 20_000);
    int rounds = BenchSettings.integer("analytics.rounds", 3);
    long a = tenants.create().id();
    List<String> loads = new ArrayList<>(List.of("start " + loadAverage()));
    SimulationPlan plan = new SimulationPlan(7000, Integer.MAX_VALUE / 2, DAYS, END, "S-");
    IntFunction<SimulatedCustomer> generator = GeneratedHistory.of(plan);
    EventCopy copy = new EventCopy(dataSource, partitions);
    long events = 0;
    int customers = 0;
    long t0 = System.nanoTime();
    while (events < target) {
      List<SimulatedCustomer> batch = new ArrayList<>(CUSTOMERS_PER_COPY);
      for (int i = 0; i < CUSTOMERS_PER_COPY; i++) {
        batch.add(generator.apply(customers++));
      }
      events += copy.copy(a, batch);
    }
    long loaded = System.nanoTime() - t0;
    loads.add("after load " + loadAverage());
    long t1 = System.nanoTime();
    jdbc.sql("analyze events").update();
    long analyzed = System.nanoTime() - t1;
    long t2 = System.nanoTime();
    long replayed = rollups.rebuild(a);
    long rebuilt = System.nanoTime() - t2;
    loads.add("after rebuild " + loadAverage());
    assertThat(replayed).isEqualTo(events);
    jdbc.sql("vacuum analyze analytics_customers, analytics_activity").update();
    var funnel = new FunnelDefinition(FunnelDefinition.LOAN_FUNNEL, Duration.ofDays(30), END.minus(Duration.ofDays(DAYS + 1)),
        END, Breakdown.CHANNEL);
    var weekly = new RetentionQuery("registered", "app_login", RetentionQuery.Grain.WEEK,
        LocalDate.ofInstant(END, ZoneOffset.UTC).minusDays(DAYS + 7), LocalDate.ofInstant(END, ZoneOffset.UTC).plusDays(1));
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      long t3 = System.nanoTime();
      long rows = AnalyticsBenchmarkTest.load(dataSource, a, duck);
      long duckLoaded = System.nanoTime() - t3;
      try (Statement s = duck.createStatement()) {
        s.execute("set threads = " + Runtime.getRuntime().availableProcessors());
      }
      String duckFunnel = NaiveFunnel.sql(funnel.steps(), true, funnel.from().getEpochSecond() - 1577836800L,
          funnel.to().getEpochSecond() - 1577836800L, funnel.window().toSeconds());
      var pgF = new AnalyticsBenchmarkTest.Timed<>(() -> AnalyticsBenchmarkTest.flatten(funnels.run(a, funnel)));
      var duckF = new AnalyticsBenchmarkTest.Timed<>(() -> AnalyticsBenchmarkTest.duckFunnel(duck, duckFunnel, funnel.steps().size()));
      var pgR = new AnalyticsBenchmarkTest.Timed<>(() -> AnalyticsBenchmarkTest.flatten(retention.cohorts(a, weekly)));
      var duckR = new AnalyticsBenchmarkTest.Timed<>(() -> AnalyticsBenchmarkTest.duckRetention(duck));
      loads.add("before queries " + loadAverage());
      for (int i = 0; i < rounds + 1; i++) { // round 0 warms up
        boolean count = i > 0;
        pgF.run(count);
        duckF.run(count);
        duckF.run(count);
        pgF.run(count);
        pgR.run(count);
        duckR.run(count);
        duckR.run(count);
        pgR.run(count);
      }
      loads.add("after queries " + loadAverage());
      assertThat(pgF.result).hasSizeGreaterThan(3).isEqualTo(duckF.result);
      assertThat(pgR.result).hasSizeGreaterThan(3).isEqualTo(duckR.result);
      var report = new BenchReport("Analytics at scale: bulk-loaded events, rollups rebuilt, vs DuckDB")
          .line("%,d customers, %,d events copied into the event store, %,d loaded into DuckDB; %d measured rounds.",
              customers, events, rows, rounds)
          .line("Load averages (1/5/15 min): %s.", String.join("; ", loads))
          .line("")
          .header("step", "seconds", "events/s")
          .row("COPY into events (generation included)", secs(loaded), BenchReport.rate(events / (loaded / 1e9)))
          .row("analyze events", secs(analyzed), "")
          .row("Rollups.rebuild (replay through the rollup writer)", secs(rebuilt), BenchReport.rate(replayed / (rebuilt / 1e9)))
          .row("DuckDB load (appender, from PostgreSQL)", secs(duckLoaded), BenchReport.rate(rows / (duckLoaded / 1e9)))
          .line("")
          .header("question", "DuckDB median ms (raw events)", "rollups median ms (PostgreSQL)", "ratio rollups/DuckDB")
          .row("loan funnel (8 steps) by channel, 30-day window", ms(duckF.median()), ms(pgF.median()),
              BenchReport.ratio(pgF.median() / duckF.median()))
          .row("weekly retention registered → app_login", ms(duckR.median()), ms(pgR.median()),
              BenchReport.ratio(pgR.median() / duckR.median()))
          .line("")
          .line("PostgreSQL plan of the funnel:")
          .line("```\n%s\n```", explain(FunnelSql.aggregate(funnelColumns(a, funnel.steps()), Breakdown.CHANNEL), a, funnel))
          .line("PostgreSQL plan of the retention:")
          .line("```\n%s\n```", explain(retentionSql(a), a, weekly));
      report.publish("analytics-scale");
    }
  }

  private List<String> funnelColumns(long tenant, List<String> steps) {
    return steps.stream().map(s -> keys.find(tenant, s).map(i -> "c.firsts[" + i + "]").orElse("null::int")).toList();
  }

  private String retentionSql(long tenant) {
    int index = keys.find(tenant, "registered").orElseThrow();
    return RetentionSql.fromCustomerRows(true, RetentionSql.cohortPeriod(true, "c.firsts[" + index + "]"), index,
        ReturnEvents.slot("app_login"));
  }

  /** EXPLAIN ANALYZE of the query, with the session defaults and with each of {@link #SETTINGS} set locally. */
  private String explain(String sql, long tenant, Object question) throws java.sql.SQLException {
    String text = sql.replace(":tenant", Long.toString(tenant));
    if (question instanceof FunnelDefinition d) {
      text = text.replace(":from", Integer.toString(Milestones.seconds(d.from())))
          .replace(":to", Integer.toString(Milestones.seconds(d.to()))).replace(":window", Long.toString(d.window().toSeconds()));
    } else if (question instanceof RetentionQuery q) {
      text = text.replace(":from", Integer.toString(Milestones.seconds(q.from().atStartOfDay(ZoneOffset.UTC).toInstant())))
          .replace(":to", Integer.toString(Milestones.seconds(q.to().atStartOfDay(ZoneOffset.UTC).toInstant())));
    }
    StringBuilder out = new StringBuilder();
    for (String settings : SETTINGS) {
      out.append("-- settings: ").append(settings.isEmpty() ? "defaults" : settings).append('\n');
      try (Connection con = dataSource.getConnection(); Statement s = con.createStatement()) {
        con.setAutoCommit(false);
        if (!settings.isEmpty()) {
          s.execute(settings);
        }
        try (var rs = s.executeQuery("explain (analyze, buffers, costs off) " + text)) {
          while (rs.next()) {
            out.append(rs.getString(1)).append('\n');
          }
        }
        con.rollback();
        con.setAutoCommit(true);
      }
    }
    return out.toString().strip();
  }

  private static final List<String> SETTINGS = List.of("", "set local max_parallel_workers_per_gather = 0",
      "set local max_parallel_workers_per_gather = 2; set local parallel_setup_cost = 100; set local parallel_tuple_cost = 0.01;"
          + " set local min_parallel_table_scan_size = '1MB'; set local work_mem = '64MB'");

  private static String secs(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
  }

  private static String loadAverage() {
    try {
      return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
    } catch (Exception e) {
      return "n/a";
    }
  }
}
