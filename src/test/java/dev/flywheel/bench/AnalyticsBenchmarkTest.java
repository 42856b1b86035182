package dev.flywheel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.analytics.Breakdown;
import dev.flywheel.analytics.FunnelDefinition;
import dev.flywheel.analytics.FunnelResult;
import dev.flywheel.analytics.Funnels;
import dev.flywheel.analytics.NaiveFunnel;
import dev.flywheel.analytics.Retention;
import dev.flywheel.analytics.RetentionQuery;
import dev.flywheel.analytics.RetentionTable;
import dev.flywheel.analytics.Rollups;
import dev.flywheel.simulator.Simulation;
import dev.flywheel.simulator.SimulationPlan;
import dev.flywheel.simulator.SimulationReport;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The analytics design against DuckDB on the same rows, in the same run: the loan funnel by
 * channel and weekly retention from the rollups in PostgreSQL, and the same questions as plain
 * SQL over the raw events loaded into an in-memory DuckDB (what a columnar engine answers
 * without any rollup). Results must be equal; the ratio of median times is reported. Also the
 * ingestion cost of keeping the rollups fresh: simulator chunks ingested with the rollup listener
 * on (tenant A) and off (tenant B), alternating. Asserts correctness only, never speed.
 */
@RunningFlywheel
class AnalyticsBenchmarkTest {
  private static final Instant END = Instant.parse("2026-06-30T16:00:00Z");
  private static final int DAYS = 180;

  @Autowired Simulation simulation;
  @Autowired Funnels funnels;
  @Autowired Retention retention;
  @Autowired Rollups rollups;
  @Autowired TestTenants tenants;
  @Autowired DataSource dataSource;
  @Autowired JdbcClient jdbc;
  @Autowired Clock clock;
  @Autowired dev.flywheel.analytics.rollup.RollupWriter writer;

  @Test
  void funnelAndRetentionFromRollupsAgainstDuckDbOverRawEvents() throws Exception {
    int customers = BenchSettings.integer("analytics.customers", 600);
    int chunks = BenchSettings.integer("analytics.chunks", 2);
    int offShare = BenchSettings.integer("analytics.off-every", 1);
    int rounds = BenchSettings.integer("analytics.rounds", 3);
    long a = tenants.create().id();
    long b = tenants.create().id();
    long[] on = new long[2];
    long[] off = new long[2];
    int perChunk = customers / chunks;
    for (int i = 0; i < chunks; i++) {
      SimulationReport r = simulation.run(a, new SimulationPlan(2000 + i, perChunk, DAYS, END, "A" + i + "-"));
      long caughtUp = System.nanoTime();
      rollups.catchUp(a); // the rollups are written after each commit: count until the last is
      on[0] += r.accepted();
      on[1] += r.took().toNanos() + (System.nanoTime() - caughtUp);
      if (i % offShare == 0) {
        rollups.setLive(false);
        try {
          SimulationReport s = simulation.run(b, new SimulationPlan(3000 + i, perChunk, DAYS, END, "B" + i + "-"));
          off[0] += s.accepted();
          off[1] += s.took().toNanos();
        } finally {
          rollups.setLive(true);
        }
      }
    }
    BenchSettings.analyze(jdbc);
    // as autovacuum would have done by now on a running database: statistics and the visibility map (index-only scans)
    jdbc.sql("vacuum analyze analytics_customers, analytics_activity").update();
    var funnel = new FunnelDefinition(FunnelDefinition.LOAN_FUNNEL, Duration.ofDays(30), END.minus(Duration.ofDays(DAYS + 1)),
        END, Breakdown.CHANNEL);
    var weekly = new RetentionQuery("registered", "app_login", RetentionQuery.Grain.WEEK,
        LocalDate.ofInstant(END, ZoneOffset.UTC).minusDays(DAYS + 7), LocalDate.ofInstant(END, ZoneOffset.UTC).plusDays(1));
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      long rows = load(dataSource, a, duck);
      try (Statement s = duck.createStatement()) {
        s.execute("set threads = " + Runtime.getRuntime().availableProcessors());
      }
      long from = funnel.from().getEpochSecond() - 1577836800L;
      long to = funnel.to().getEpochSecond() - 1577836800L;
      String duckFunnel = NaiveFunnel.sql(funnel.steps(), true, from, to, funnel.window().toSeconds());
      Timed<List<String>> pgF = new Timed<>(() -> flatten(funnels.run(a, funnel)));
      Timed<List<String>> duckF = new Timed<>(() -> duckFunnel(duck, duckFunnel, funnel.steps().size()));
      Timed<List<String>> pgR = new Timed<>(() -> flatten(retention.cohorts(a, weekly)));
      Timed<List<String>> duckR = new Timed<>(() -> duckRetention(duck));
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
      assertThat(pgF.result).hasSizeGreaterThan(3).isEqualTo(duckF.result);
      assertThat(pgR.result).hasSizeGreaterThan(3).isEqualTo(duckR.result);
      double onRate = on[0] / (on[1] / 1e9);
      double offRate = off[0] / (off[1] / 1e9);
      new BenchReport("Analytics: rollups in PostgreSQL vs DuckDB over raw events")
          .line("%,d customers, %,d events in tenant A (%d simulator chunks), %,d events loaded into DuckDB; %d measured rounds.",
              customers, on[0], chunks, rows, rounds)
          .line("")
          .header("question", "DuckDB median ms (raw events)", "rollups median ms (PostgreSQL)", "ratio rollups/DuckDB")
          .row("loan funnel (8 steps) by channel, 30-day window", ms(duckF.median()), ms(pgF.median()), BenchReport.ratio(pgF.median() / duckF.median()))
          .row("weekly retention registered → app_login", ms(duckR.median()), ms(pgR.median()), BenchReport.ratio(pgR.median() / duckR.median()))
          .line("")
          .header("ingestion (Simulation.run → ingestBatch)", "events", "events/s")
          .row("live rollups on (until written)", on[0], BenchReport.rate(onRate))
          .row("live rollups off", off[0], BenchReport.rate(offRate))
          .line("")
          .line("Ingestion with rollups runs at %.0f %% of the rate without them.", 100 * onRate / offRate)
          .line("Rollup writer time per 1,000 events (ms): customers %s, activity %s, daily+funders %s.",
              Arrays.stream(writer.spent()).limit(3).mapToObj(x -> ms(x * 1000.0 / Math.max(1, writer.spent()[3]))).toArray())
          .publish("analytics");
    }
  }

  static String ms(double nanos) {
    return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
  }

  /** Copies tenant A's events into DuckDB: ev(customer_id, type, kv, t, channel, day). */
  static long load(DataSource dataSource, long tenant, Connection duck) throws SQLException {
    try (Statement s = duck.createStatement()) {
      s.execute("create table ev (customer_id varchar, type varchar, kv varchar, t bigint, channel varchar, day date)");
    }
    long n = 0;
    try (Connection pg = dataSource.getConnection()) {
      pg.setAutoCommit(false);
      try (PreparedStatement ps = pg.prepareStatement("""
              select customer_id, type, coalesce(attributes->>'page', attributes->>'step', attributes->>'result'),
                     cast(extract(epoch from occurred_at) as bigint) - 1577836800, channel,
                     cast(occurred_at at time zone 'UTC' as date)
              from events where tenant_id = ?""");
           DuckDBAppender app = ((DuckDBConnection) duck).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "ev")) {
        ps.setFetchSize(10_000);
        ps.setLong(1, tenant);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            app.beginRow();
            app.append(rs.getString(1));
            app.append(rs.getString(2));
            app.append(rs.getString(3));
            app.append(rs.getLong(4));
            app.append(rs.getString(5));
            app.append(rs.getDate(6).toLocalDate());
            app.endRow();
            n++;
          }
        }
      }
      pg.commit();
    }
    return n;
  }

  static List<String> duckFunnel(Connection duck, String sql, int steps) {
    List<String> rows = new ArrayList<>();
    try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        StringBuilder row = new StringBuilder(rs.getString("g") == null ? "TOTAL" : rs.getString("g"));
        for (int k = 1; k <= steps; k++) {
          row.append(' ').append(rs.getLong("n" + k));
          if (k > 1) {
            double m = rs.getDouble("m" + k);
            row.append('/').append(rs.wasNull() ? "-" : String.valueOf(m));
          }
        }
        rows.add(row.toString());
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return rows.stream().sorted().toList();
  }

  static List<String> duckRetention(Connection duck) {
    List<String> rows = new ArrayList<>();
    try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery("""
        with k as (select customer_id, date_trunc('week', min(day)) as c from ev where type = 'registered' group by customer_id),
             a as (select distinct customer_id, date_trunc('week', day) as p from ev where type = 'app_login')
        select strftime(c, '%Y-%m-%d') || ' size ' || count(*) from k group by c
        union all
        select strftime(k.c, '%Y-%m-%d') || ' ' || (datediff('day', k.c, a.p) // 7) || ' ' || count(*)
        from k join a on a.customer_id = k.customer_id and a.p >= k.c group by k.c, datediff('day', k.c, a.p) // 7""")) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return rows.stream().sorted().toList();
  }

  static List<String> flatten(FunnelResult result) {
    List<String> rows = new ArrayList<>();
    List<FunnelResult.Row> all = new ArrayList<>(result.rows());
    for (FunnelResult.Row r : all) {
      rows.add(line(r.group(), r));
    }
    rows.add(line("TOTAL", result.total()));
    return rows.stream().sorted().toList();
  }

  private static String line(String group, FunnelResult.Row r) {
    StringBuilder row = new StringBuilder(group);
    for (int k = 0; k < r.steps().size(); k++) {
      row.append(' ').append(r.steps().get(k).customers());
      if (k > 0) {
        Double m = r.steps().get(k).medianSeconds();
        row.append('/').append(m == null ? "-" : String.valueOf(m));
      }
    }
    return row.toString();
  }

  static List<String> flatten(RetentionTable table) {
    List<String> cells = new ArrayList<>();
    for (var c : table.cohorts()) {
      cells.add(c.period() + " size " + c.customers());
      for (int n = 0; n < c.returned().size(); n++) {
        if (c.returned().get(n) > 0) {
          cells.add(c.period() + " " + n + " " + c.returned().get(n));
        }
      }
    }
    return cells.stream().sorted().toList();
  }

  /** A question timed over rounds; keeps the last answer. */
  static final class Timed<T> {
    final Supplier<T> question;
    final List<Long> nanos = new ArrayList<>();
    T result;

    Timed(Supplier<T> question) {
      this.question = question;
    }

    void run(boolean count) {
      long t = System.nanoTime();
      result = question.get();
      if (count) {
        nanos.add(System.nanoTime() - t);
      }
    }

    double median() {
      long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
      return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
    }
  }
}
