package dev.flywheel.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.simulator.Simulation;
import dev.flywheel.simulator.SimulationPlan;
import dev.flywheel.support.ConsoleSession;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@RunningFlywheel
class AnalyticsPagesTest {
  @LocalServerPort int port;
  @Autowired TestTenants tenants;
  @Autowired Simulation simulation;
  @Autowired MovableClock clock;

  @Test
  void theAnalyticsPagesShowFunnelRetentionGoalsAndQualityAndADropOffBecomesASegment() {
    var tenant = tenants.create();
    simulation.run(tenant.id(), new SimulationPlan(2, 200, 60, clock.instant(), "AP"));
    var console = new ConsoleSession(port).login(tenant.user(Role.OPERATOR), TestTenants.PASSWORD);

    var funnel = console.get("/console/analytics/funnels?breakdown=CHANNEL");
    assertThat(funnel.statusCode()).isEqualTo(200);
    assertThat(funnel.body()).contains("id=\"chart-funnel\"", "data-group=", "drop-off");
    var bad = console.get("/console/analytics/funnels?windowDays=0");
    assertThat(bad.body()).contains("id=\"funnel-error\"", "window");

    var made = console.post("/console/analytics/funnels/segment", "/console/analytics/funnels", Map.of(
        "steps", "page_view:landing, registered", "windowDays", "30", "breakdown", "NONE", "days", "90", "step", "2"));
    assertThat(made.statusCode()).isEqualTo(302);
    assertThat(made.headers().firstValue("Location")).get().asString().matches(".*/console/segments/\\d+$");

    var retention = console.get("/console/analytics/retention");
    assertThat(retention.statusCode()).isEqualTo(200);
    assertThat(retention.body()).contains("id=\"chart-retention\"", "id=\"chart-lifecycle-history\"");

    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    var goal = console.post("/console/analytics/goals", "/console/analytics/goals", Map.of("name", "Loans this month",
        "metric", "NEW_LOANS", "periodStart", today.withDayOfMonth(1).toString(),
        "periodEnd", today.withDayOfMonth(today.lengthOfMonth()).toString(), "target", "500", "alertPercent", "10"));
    assertThat(goal.statusCode()).isEqualTo(302);
    var pacing = console.get(goal.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", ""));
    assertThat(pacing.body()).contains("id=\"chart-goal\"", "id=\"goal-actual\"");

    var past = console.post("/console/analytics/goals", "/console/analytics/goals", Map.of("name", "Old",
        "metric", "NEW_LOANS", "periodStart", today.minusDays(60).toString(), "periodEnd", today.minusDays(31).toString(),
        "target", "500"));
    assertThat(past.body()).contains("id=\"goal-error\"", "period_end");

    var quality = console.get("/console/analytics/quality");
    assertThat(quality.body()).contains("id=\"channel-table\"", "id=\"funder-table\"", "douyin_ads");
  }
}
