package dev.flywheel.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flywheel.event.EventIngestion;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.platform.web.Problem;
import dev.flywheel.simulator.Simulation;
import dev.flywheel.simulator.SimulationPlan;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@RunningFlywheel
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulatedAnalyticsTest {
  @Autowired Simulation simulation;
  @Autowired EventIngestion ingestion;
  @Autowired Funnels funnels;
  @Autowired Rollups rollups;
  @Autowired TestTenants tenants;
  @Autowired MovableClock clock;
  @Autowired JdbcTemplate jdbc;
  @Autowired Retention retention;

  long tenant;
  Instant end;

  @BeforeAll
  void simulate() {
    tenant = tenants.create().id();
    end = clock.instant();
    simulation.run(tenant, new SimulationPlan(2, 800, 150, end, "FN"));
  }

  FunnelDefinition loanFunnel(Breakdown breakdown, Duration window) {
    return new FunnelDefinition(FunnelDefinition.LOAN_FUNNEL, window, end.minus(Duration.ofDays(150)), end, breakdown);
  }

  @Test
  void theLoanFunnelByChannelEqualsTheNaiveSqlOverRawEvents() {
    for (Duration window : List.of(Duration.ofDays(3), Duration.ofDays(365))) {
      var definition = loanFunnel(Breakdown.CHANNEL, window);
      var result = funnels.run(tenant, definition);
      assertThat(result.total().steps().getFirst().customers()).isEqualTo(800);
      assertThat(result.rows()).hasSizeGreaterThan(2);
      assertThat(flatten(result)).isEqualTo(reference(definition));
    }
  }

  @Test
  void aRebuildFromHistoryGivesTheSameAnswerAsTheLiveRollups() {
    var definition = loanFunnel(Breakdown.COHORT_WEEK, Duration.ofDays(30));
    var live = funnels.run(tenant, definition);
    assertThat(rollups.rebuild(tenant)).isGreaterThan(800);
    assertThat(funnels.run(tenant, definition)).isEqualTo(live);
  }

  @Test
  void lateEventsMoveFirstOccurrencesAndDuplicatesCountOnce() {
    long t = tenants.create().id();
    Instant base = clock.instant().minus(Duration.ofDays(10));
    // arrive newest first: the second drawdown, then the first, then a replay of both
    List<IncomingEvent> events = List.of(
        event("d2", "L1", "drawdown", base.plus(Duration.ofDays(5)), Map.of("amount", new BigDecimal("800.00"))),
        event("r1", "L1", "registered", base.plus(Duration.ofHours(1)), Map.of()),
        event("d1", "L1", "drawdown", base.plus(Duration.ofDays(2)), Map.of("amount", new BigDecimal("500.00"))),
        event("p1", "L1", "page_view", base, Map.of("page", "landing")),
        event("d1", "L1", "drawdown", base.plus(Duration.ofDays(2)), Map.of("amount", new BigDecimal("500.00"))),
        event("p2", "L2", "page_view", base.plus(Duration.ofHours(3)), Map.of("page", "landing")),
        event("r2", "L2", "registered", base.plus(Duration.ofHours(2)), Map.of()));
    events.forEach(e -> ingestion.ingest(t, e));
    var definition = new FunnelDefinition(List.of("page_view:landing", "registered", "drawdown", "drawdown#2"),
        Duration.ofDays(30), base.minus(Duration.ofDays(1)), base.plus(Duration.ofDays(1)), Breakdown.NONE);
    var result = funnels.run(t, definition).total();
    assertThat(result.steps()).extracting(FunnelResult.Step::customers).containsExactly(2L, 1L, 1L, 1L);
    assertThat(result.steps().get(3).medianSeconds()).isEqualTo((double) Duration.ofDays(3).toSeconds());
    assertThat(funnels.droppedAt(t, definition, 2, null)).containsExactly("L2");
    // a late, even earlier landing view moves L2's entry but not its order problem
    ingestion.ingest(t, event("p0", "L2", "page_view", base.plus(Duration.ofHours(1)), Map.of("page", "landing")));
    assertThat(funnels.run(t, definition).total().steps()).extracting(FunnelResult.Step::customers)
        .containsExactly(2L, 2L, 1L, 1L);
    assertThat(funnels.run(t, definition)).isEqualTo(funnels.run(t, definition));
    assertThat(flatten(funnels.run(t, definition))).isEqualTo(reference(t, definition));
  }

  @Test
  void badDefinitionsAreProblemsWithTheFieldAndEmptyDataIsAnEmptyResult() {
    var noSteps = new FunnelDefinition(List.of(), Duration.ofDays(1), end.minusSeconds(60), end, Breakdown.NONE);
    assertThatThrownBy(() -> funnels.run(tenant, noSteps)).isInstanceOfSatisfying(Problem.class,
        p -> assertThat(p.fields()).extracting(f -> f.field() + "/" + f.code()).containsExactly("steps/no-steps"));
    var noWindow = new FunnelDefinition(List.of("registered"), Duration.ZERO, end.minusSeconds(60), end, Breakdown.NONE);
    assertThatThrownBy(() -> funnels.run(tenant, noWindow)).isInstanceOfSatisfying(Problem.class,
        p -> assertThat(p.code()).isEqualTo("invalid-window"));
    long empty = tenants.create().id();
    var result = funnels.run(empty, loanFunnel(Breakdown.CHANNEL, Duration.ofDays(3)));
    assertThat(result.rows()).isEmpty();
    assertThat(result.total().steps()).allSatisfy(s -> assertThat(s.customers()).isZero());
  }

  @Test
  void weeklyAndMonthlyRetentionEqualTheNaiveSqlOverRawEvents() {
    for (var grain : RetentionQuery.Grain.values()) {
      var query = new RetentionQuery("registered", "app_login", grain,
          java.time.LocalDate.ofInstant(end.minus(Duration.ofDays(150)), java.time.ZoneOffset.UTC),
          java.time.LocalDate.ofInstant(end, java.time.ZoneOffset.UTC).plusDays(1));
      var table = retention.cohorts(tenant, query);
      assertThat(table.cohorts()).hasSizeGreaterThan(4);
      List<String> cells = new ArrayList<>();
      for (var c : table.cohorts()) {
        cells.add(c.period() + " size " + c.customers());
        for (int n = 0; n < c.returned().size(); n++) {
          if (c.returned().get(n) > 0) {
            cells.add(c.period() + " " + n + " " + c.returned().get(n));
          }
        }
      }
      assertThat(cells.stream().sorted().toList()).isEqualTo(naiveRetention(tenant, grain == RetentionQuery.Grain.WEEK));
      var first = table.cohorts().getFirst();
      assertThat(retention.lapsed(tenant, query, first.period(), 1))
          .hasSize((int) (first.customers() - first.returned().get(1)));
    }
  }

  @Test
  void lifecycleDistributionEndsAtTodaysCounts() {
    var today = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
    var days = retention.lifecycle(tenant, today.minusDays(30), today);
    assertThat(days).hasSize(31 * 5);
    long total = days.stream().filter(d -> d.day().equals(today)).mapToLong(Retention.StageDay::customers).sum();
    assertThat(total).isGreaterThanOrEqualTo(800);
  }

  @Test
  void retentionStaysExactWhenRegistrationsArriveLateAndLoginsTwice() {
    long t = tenants.create().id();
    Instant base = clock.instant().minus(Duration.ofDays(60));
    List<IncomingEvent> events = List.of(
        event("l3", "R1", "app_login", base.plus(Duration.ofDays(20)), Map.of()),
        event("l2", "R1", "app_login", base.plus(Duration.ofDays(9)), Map.of()),
        event("r1", "R1", "registered", base.plus(Duration.ofDays(8)), Map.of()),
        event("l2", "R1", "app_login", base.plus(Duration.ofDays(9)), Map.of()),
        event("l2b", "R1", "app_login", base.plus(Duration.ofDays(9).plusHours(2)), Map.of()),
        // the real registration arrives late, weeks earlier: R1 moves to an older cohort
        event("r0", "R1", "registered", base, Map.of()),
        event("l1", "R1", "app_login", base.plus(Duration.ofHours(3)), Map.of()),
        event("d1", "R1", "drawdown", base.plus(Duration.ofDays(35)), Map.of("amount", new BigDecimal("100.00"))),
        event("k1", "R2", "app_login", base.plus(Duration.ofDays(1)), Map.of()),
        event("k0", "R2", "registered", base.plus(Duration.ofDays(15)), Map.of()),
        event("k2", "R2", "app_login", base.plus(Duration.ofDays(30)), Map.of()),
        event("k2", "R2", "app_login", base.plus(Duration.ofDays(30)), Map.of()));
    events.forEach(e -> ingestion.ingest(t, e));
    for (var grain : RetentionQuery.Grain.values()) {
      for (String returning : List.of("app_login", "drawdown", "page_view")) {
        var query = new RetentionQuery("registered", returning, grain,
            java.time.LocalDate.ofInstant(base.minus(Duration.ofDays(40)), java.time.ZoneOffset.UTC),
            java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).plusDays(1));
        assertThat(cells(retention.cohorts(t, query)))
            .as(grain + " " + returning).isEqualTo(naiveRetention(t, grain == RetentionQuery.Grain.WEEK, returning));
      }
    }
    var weekly = retention.cohorts(t, new RetentionQuery("registered", "app_login", RetentionQuery.Grain.WEEK,
        java.time.LocalDate.ofInstant(base.minus(Duration.ofDays(40)), java.time.ZoneOffset.UTC),
        java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).plusDays(1)));
    assertThat(weekly.cohorts()).extracting(RetentionTable.Cohort::customers).containsExactly(1L, 1L);
    assertThat(rollups.rebuild(t)).isEqualTo(events.size() - 2);
    assertThat(retention.cohorts(t, weekly.query())).isEqualTo(weekly);
  }

  private static List<String> cells(RetentionTable table) {
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

  private List<String> naiveRetention(long t, boolean week) {
    return naiveRetention(t, week, "app_login");
  }

  private List<String> naiveRetention(long t, boolean week, String returning) {
    String unit = week ? "week" : "month";
    String offset = week ? "(a.p - k.c) / 7"
        : "cast((extract(year from a.p) * 12 + extract(month from a.p)) - (extract(year from k.c) * 12 + extract(month from k.c)) as int)";
    List<String> rows = new ArrayList<>();
    jdbc.query("""
        with k as (select customer_id, cast(date_trunc('%1$s', min(occurred_at) at time zone 'UTC') as date) as c
                   from events where tenant_id = ? and type = 'registered' group by customer_id),
             a as (select distinct customer_id, cast(date_trunc('%1$s', occurred_at at time zone 'UTC') as date) as p
                   from events where tenant_id = ? and type = ?)
        select to_char(c, 'YYYY-MM-DD') || ' size ' || count(*) from k group by c
        union all
        select to_char(k.c, 'YYYY-MM-DD') || ' ' || %2$s || ' ' || count(*)
        from k join a on a.customer_id = k.customer_id and a.p >= k.c group by k.c, %2$s""".formatted(unit, offset),
        rs -> {
          rows.add(rs.getString(1));
        }, t, t, returning);
    return rows.stream().sorted().toList();
  }

  private static IncomingEvent event(String id, String customer, String type, Instant at, Map<String, Object> attributes) {
    return new IncomingEvent(id, customer, type, at, attributes, null, null);
  }

  private List<String> reference(FunnelDefinition d) {
    return reference(tenant, d);
  }

  private List<String> reference(long t, FunnelDefinition d) {
    long from = d.from().getEpochSecond() - 1577836800L;
    long to = d.to().getEpochSecond() - 1577836800L;
    String sql = "with " + NaiveFunnel.PG_EVENTS + ", " + NaiveFunnel.sql(d.steps(), d.breakdown() == Breakdown.CHANNEL,
        from, to, d.window().toSeconds()).substring(5);
    List<String> rows = new ArrayList<>();
    jdbc.query(sql, rs -> {
      StringBuilder row = new StringBuilder(rs.getString("g") == null ? "TOTAL" : rs.getString("g"));
      for (int k = 1; k <= d.steps().size(); k++) {
        row.append(" ").append(rs.getLong("n" + k));
        if (k > 1) {
          double m = rs.getDouble("m" + k);
          row.append("/").append(rs.wasNull() ? "-" : String.valueOf(m));
        }
      }
      rows.add(row.toString());
    }, t);
    return rows.stream().sorted().toList();
  }

  static List<String> flatten(FunnelResult result) {
    List<String> rows = new ArrayList<>();
    Map<String, FunnelResult.Row> all = new HashMap<>();
    result.rows().forEach(r -> all.put(r.group(), r));
    all.put("TOTAL", result.total());
    all.forEach((g, r) -> {
      if (!g.equals("TOTAL") && r.steps().getFirst().customers() == 0) {
        return;
      }
      StringBuilder row = new StringBuilder(g);
      for (int k = 0; k < r.steps().size(); k++) {
        row.append(" ").append(r.steps().get(k).customers());
        if (k > 0) {
          Double m = r.steps().get(k).medianSeconds();
          row.append("/").append(m == null ? "-" : String.valueOf(m));
        }
      }
      rows.add(row.toString());
    });
    return rows.stream().sorted().toList();
  }
}
