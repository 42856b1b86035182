package dev.flywheel.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.simulator.Simulation;
import dev.flywheel.simulator.SimulationPlan;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.ConsoleSession;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@RunningFlywheel
class FlowsTest {
  @LocalServerPort int port;
  @Autowired TestTenants tenants;
  @Autowired Simulation simulation;
  @Autowired MovableClock clock;
  @Autowired JdbcTemplate jdbc;
  @Autowired Flows flows;

  @Test
  void stageTransitionCountersEqualANaiveCountOfTheStageHistory() {
    var tenant = tenants.create();
    Instant end = clock.instant();
    simulation.run(tenant.id(), new SimulationPlan(5, 200, 60, end, "FLW"));
    LocalDate today = LocalDate.ofInstant(end, ZoneOffset.UTC);
    for (LocalDate from : List.of(today.minusDays(70), today.minusDays(20))) {
      List<String> counted = new ArrayList<>();
      flows.between(tenant.id(), null, from, today)
          .forEach(f -> counted.add(f.kind() + " " + f.from() + " " + f.to() + " " + f.transitions()));
      List<String> naive = jdbc.queryForList("""
              select kind || ' ' || coalesce(from_stage, 'null') || ' ' || to_stage || ' ' || count(*)
              from customer_stage_history
              where tenant_id = ? and cast(at at time zone 'UTC' as date) between ? and ?
              group by kind, from_stage, to_stage""", String.class, tenant.id(), from, today);
      assertThat(counted).hasSizeGreaterThan(5).containsExactlyInAnyOrderElementsOf(naive);
    }
    var loan = flows.between(tenant.id(), Flows.Kind.LOAN, today.minusDays(70), today);
    assertThat(loan).isNotEmpty().allSatisfy(f -> assertThat(f.kind()).isEqualTo(Flows.Kind.LOAN));

    var api = new ApiClient(port, tenant.apiKey());
    var answer = api.get("/api/v1/analytics/flows?kind=loan&from=" + today.minusDays(70) + "&to=" + today);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.<List<Map<String, Object>>>get("flows")).hasSize(loan.size())
        .extracting(m -> ((Number) m.get("transitions")).longValue())
        .containsExactlyElementsOf(loan.stream().map(Flows.Flow::transitions).toList());
    var bad = api.get("/api/v1/analytics/flows?kind=sideways");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.code()).isEqualTo("invalid-kind");
    assertThat(api.get("/api/v1/analytics/flows?from=" + today + "&to=" + today.minusDays(1)).code()).isEqualTo("invalid-period");
    var empty = new ApiClient(port, tenants.create().apiKey()).get("/api/v1/analytics/flows");
    assertThat(empty.<List<?>>get("flows")).isEmpty();

    var page = new ConsoleSession(port).login(tenant.user(Role.OPERATOR), TestTenants.PASSWORD)
        .get("/console/analytics/retention").body();
    assertThat(page).contains("chart-loan-flows").contains("sankey");
  }
}
