package dev.flywheel.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.event.EventIngestion;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.simulator.Simulation;
import dev.flywheel.simulator.SimulationPlan;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The recall funnel and bad debt by cohort month on simulator data, against plain SQL over the raw events. */
@RunningFlywheel
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulatedRecallAndQualityTest {
  private static final long EPOCH = 1577836800L;
  @Autowired Simulation simulation;
  @Autowired Recall recall;
  @Autowired Quality quality;
  @Autowired Rollups rollups;
  @Autowired EventIngestion ingestion;
  @Autowired MovableClock clock;
  @Autowired TestTenants tenants;
  @Autowired JdbcTemplate jdbc;

  long tenant;
  Instant end;

  @BeforeAll
  void simulate() {
    tenant = tenants.create().id();
    end = clock.instant();
    simulation.run(tenant, new SimulationPlan(7, 900, 150, end, "RC"));
    // a few more bad debts than 150 simulated days produce: written off, or more than 90 days late
    List<String> funded = jdbc.queryForList("select distinct customer_id from events where tenant_id = ? and type = 'drawdown'"
        + " order by customer_id limit 6", String.class, tenant);
    for (int i = 0; i < funded.size(); i++) {
      Instant at = end.minus(Duration.ofDays(1 + i));
      ingestion.ingest(tenant, i % 2 == 0 ? event("wo" + i, funded.get(i), "write_off", at)
          : new IncomingEvent("od" + i, funded.get(i), "overdue", at, Map.of("days", i == 5 ? 90L : 120L), null, null));
    }
  }

  @Test
  void theSimulatorWalksCustomersThroughTheRecallFunnel() {
    var answer = recall.run(tenant, Duration.ofDays(30), end.minus(Duration.ofDays(150)), end, Breakdown.NONE);
    var steps = answer.result().total().steps();
    assertThat(steps).extracting(FunnelResult.Step::step).containsExactlyElementsOf(Recall.STEPS);
    assertThat(steps.getFirst().customers()).isGreaterThan(100);
    assertThat(steps.get(4).customers()).as(steps.toString()).isGreaterThan(0);
    // the simulator's rates sit near the seed targets: click ≈ 25 %, login ≈ 85 %
    assertThat(steps.get(1).fromPrevious()).isBetween(0.15, 0.35);
    assertThat(steps.get(2).fromPrevious()).isBetween(0.7, 0.97);
    assertThat(answer.targets()).extracting(Recall.Target::step).containsExactly("message_click", "app_login", "drawdown");
  }

  @Test
  void theRecallFunnelEqualsTheNaiveSqlOverRawEvents() {
    for (Duration window : List.of(Duration.ofHours(6), Duration.ofDays(30))) {
      for (Breakdown b : List.of(Breakdown.NONE, Breakdown.COHORT_WEEK)) {
        Instant from = end.minus(Duration.ofDays(120));
        var result = recall.run(tenant, window, from, end, b).result();
        assertThat(SimulatedAnalyticsTest.flatten(result)).isEqualTo(naiveRecall(tenant, from, end, window, b));
      }
    }
  }

  @Test
  void theDropOffSegmentIsWhoClickedButDidNotLogIn() {
    Instant from = end.minus(Duration.ofDays(150));
    List<String> dropped = recall.droppedAt(tenant, Duration.ofDays(30), from, end, Breakdown.NONE, 3, null);
    var steps = recall.run(tenant, Duration.ofDays(30), from, end, Breakdown.NONE).result().total().steps();
    assertThat((long) dropped.size()).isEqualTo(steps.get(1).customers() - steps.get(2).customers()).isPositive();
  }

  @Test
  void lateAndRepeatedEventsKeepTheRecallFunnelExact() {
    long t = tenants.create().id();
    Instant base = clock.instant().minus(Duration.ofDays(20));
    List<IncomingEvent> events = List.of(
        event("l0", "R1", "app_login", base.minus(Duration.ofDays(100))), // long before: must not count
        event("c1", "R1", "message_click", base.plus(Duration.ofHours(2))),
        event("m1", "R1", "message_delivered", base),
        event("l1", "R1", "app_login", base.plus(Duration.ofHours(3))),
        event("m1", "R1", "message_delivered", base), // a replay
        event("m2", "R2", "message_delivered", base.plus(Duration.ofDays(1))),
        event("l2", "R2", "app_login", base.plus(Duration.ofDays(1)).plusSeconds(60)));
    events.forEach(e -> ingestion.ingest(t, e));
    var result = recall.run(t, Duration.ofDays(7), base.minus(Duration.ofDays(1)), base.plus(Duration.ofDays(2)),
        Breakdown.NONE).result().total();
    assertThat(result.steps()).extracting(FunnelResult.Step::customers).containsExactly(2L, 1L, 1L, 0L, 0L);
    assertThat(result.steps().get(2).medianSeconds()).isEqualTo(3600.0);
    // a click of R2 arriving late, after the login: the login no longer follows the click
    ingestion.ingest(t, event("c2", "R2", "message_click", base.plus(Duration.ofDays(1)).plusSeconds(120)));
    assertThat(recall.run(t, Duration.ofDays(7), base.minus(Duration.ofDays(1)), base.plus(Duration.ofDays(2)),
        Breakdown.NONE).result().total().steps()).extracting(FunnelResult.Step::customers).containsExactly(2L, 2L, 1L, 0L, 0L);
  }

  @Test
  void aRebuildKeepsTheRecallFunnelAndBadDebt() {
    Instant from = end.minus(Duration.ofDays(150));
    var live = recall.run(tenant, Duration.ofDays(30), from, end, Breakdown.COHORT_MONTH);
    LocalDate today = LocalDate.ofInstant(end, ZoneOffset.UTC);
    var channels = quality.channels(tenant, today.minusDays(150), today);
    rollups.rebuild(tenant);
    assertThat(recall.run(tenant, Duration.ofDays(30), from, end, Breakdown.COHORT_MONTH)).isEqualTo(live);
    assertThat(quality.channels(tenant, today.minusDays(150), today)).isEqualTo(channels);
  }

  @Test
  void badDebtByCohortMonthEqualsTheNaiveSql() {
    LocalDate today = LocalDate.ofInstant(end, ZoneOffset.UTC);
    var channels = quality.channels(tenant, today.minusDays(150), today);
    List<String> product = new ArrayList<>();
    long bad = 0;
    for (var c : channels) {
      bad += c.badDebt();
      for (var m : c.cohorts()) {
        product.add(c.channel() + " " + m.month() + " " + m.funded() + " " + m.overdue() + " " + m.badDebt());
        assertThat(m.badDebtRate()).isEqualTo(m.funded() == 0 ? 0.0 : (double) m.badDebt() / m.funded());
      }
    }
    assertThat(bad).isPositive();
    List<String> naive = jdbc.queryForList("""
        with acq as (select customer_id, min(occurred_at) as a from events
                     where tenant_id = ? and type = 'page_view' and attributes->>'page' = 'landing' group by customer_id),
             ch as (select distinct on (customer_id) customer_id, channel from events
                    where tenant_id = ? and channel is not null order by customer_id, occurred_at, channel),
             f as (select customer_id,
                          bool_or(type = 'drawdown') as funded,
                          bool_or(type = 'overdue') as overdue,
                          bool_or(type = 'write_off' or (type = 'overdue' and (attributes->>'days')::int > 90)) as bad
                   from events where tenant_id = ? group by customer_id)
        select coalesce(ch.channel, '(none)') || ' ' || to_char(date_trunc('month', acq.a at time zone 'UTC'), 'YYYY-MM')
               || ' ' || count(*) filter (where f.funded) || ' ' || count(*) filter (where f.funded and f.overdue)
               || ' ' || count(*) filter (where f.funded and f.bad)
        from acq join f using (customer_id) left join ch using (customer_id)
        where acq.a >= ? and acq.a < ?
        group by ch.channel, date_trunc('month', acq.a at time zone 'UTC')""", String.class, tenant, tenant, tenant,
        java.sql.Timestamp.from(today.minusDays(150).atStartOfDay(ZoneOffset.UTC).toInstant()),
        java.sql.Timestamp.from(today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
    assertThat(product).containsExactlyInAnyOrderElementsOf(naive);
  }

  private List<String> naiveRecall(long t, Instant fromAt, Instant toAt, Duration window, Breakdown b) {
    long from = fromAt.getEpochSecond() - EPOCH;
    long to = toAt.getEpochSecond() - EPOCH;
    long w = window.toSeconds();
    String group = b == Breakdown.NONE ? "'all'"
        : "to_char(date_trunc('week', timestamp '2020-01-01' + t1 * interval '1 second'), 'YYYY-MM-DD')";
    String sql = """
        with ev as (select customer_id, type, cast(extract(epoch from occurred_at) - %1$d as bigint) as t
                    from events where tenant_id = ?),
             e1 as (select customer_id, min(t) as t1 from ev where type = 'message_delivered' and t >= %2$d and t < %3$d
                    group by customer_id),
             e2 as (select e1.*, (select min(t) from ev where ev.customer_id = e1.customer_id and type = 'message_click'
                                  and t >= e1.t1 and t <= e1.t1 + %4$d) as t2 from e1),
             e3 as (select e2.*, (select min(t) from ev where ev.customer_id = e2.customer_id and type = 'app_login'
                                  and t >= e2.t2 and t <= e2.t1 + %4$d) as t3 from e2),
             e4 as (select e3.*, (select min(t) from ev where ev.customer_id = e3.customer_id and type = 'coupon_redeemed'
                                  and t >= e3.t3 and t <= e3.t1 + %4$d) as t4 from e3),
             e5 as (select e4.*, (select min(t) from ev where ev.customer_id = e4.customer_id and type = 'drawdown'
                                  and t >= e4.t4 and t <= e4.t1 + %4$d) as t5 from e4)
        select g, count(t1) as n1, count(t2) as n2, count(t3) as n3, count(t4) as n4, count(t5) as n5,
               percentile_cont(0.5) within group (order by t2 - t1) as m2,
               percentile_cont(0.5) within group (order by t3 - t2) as m3,
               percentile_cont(0.5) within group (order by t4 - t3) as m4,
               percentile_cont(0.5) within group (order by t5 - t4) as m5
        from (select %5$s as g, e5.* from e5) r group by grouping sets ((g), ())"""
        .formatted(EPOCH, from, to, w, group);
    List<String> rows = new ArrayList<>();
    jdbc.query(sql, rs -> {
      StringBuilder row = new StringBuilder(rs.getString("g") == null ? "TOTAL" : rs.getString("g"));
      for (int k = 1; k <= 5; k++) {
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

  private static IncomingEvent event(String id, String customer, String type, Instant at) {
    return new IncomingEvent(id, customer, type, at, Map.of(), null, null);
  }
}
