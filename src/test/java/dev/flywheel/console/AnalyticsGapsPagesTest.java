package dev.flywheel.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.campaign.Asset;
import dev.flywheel.campaign.CampaignPlan;
import dev.flywheel.campaign.CampaignResult;
import dev.flywheel.campaign.Campaigns;
import dev.flywheel.campaign.EffectDefinition;
import dev.flywheel.campaign.RuleDefinition;
import dev.flywheel.campaign.Window;
import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.simulator.Simulation;
import dev.flywheel.simulator.SimulationPlan;
import dev.flywheel.support.ConsoleSession;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The recall funnel preset, campaign activity page, CPA/CPS prices and the funder alert set-up in the console. */
@RunningFlywheel
class AnalyticsGapsPagesTest {
  @LocalServerPort int port;
  @Autowired TestTenants tenants;
  @Autowired Simulation simulation;
  @Autowired Campaigns campaigns;
  @Autowired MovableClock clock;

  @Test
  void recallFunnelActivityPricesAndAlertsWorkInTheConsole() {
    var tenant = tenants.create();
    simulation.run(tenant.id(), new SimulationPlan(3, 300, 90, clock.instant(), "GP"));
    var console = new ConsoleSession(port).login(tenant.user(Role.OPERATOR), TestTenants.PASSWORD);

    var recall = console.get("/console/analytics/funnels/recall?windowDays=30&days=120");
    assertThat(recall.statusCode()).isEqualTo(200);
    assertThat(recall.body()).contains("id=\"chart-funnel\"", "id=\"recall-targets\"", "Target (at least)", "Coupon used",
        "drop-off", "/console/analytics/funnels/recall/segment");
    var made = console.post("/console/analytics/funnels/recall/segment", "/console/analytics/funnels/recall", Map.of(
        "windowDays", "30", "breakdown", "NONE", "days", "120", "step", "2"));
    assertThat(made.statusCode()).isEqualTo(302);
    assertThat(made.headers().firstValue("Location")).get().asString().matches(".*/console/segments/\\d+$");

    var now = clock.instant();
    long campaign = draft(tenant, new Window(now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(5)),
        now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(5))));
    assertThat(console.get("/console/analytics/activity").body()).contains("id=\"activity-form\"", "Summer giveback");
    var activity = console.get("/console/analytics/activity?campaign=" + campaign + "&attribution=recall");
    assertThat(activity.body()).contains("id=\"activity-total\"", "id=\"chart-activity-channel\"", "data-key=\"sms\"",
        "data-key=\"WARM_UP\"", "Detonation");

    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    var price = console.post("/console/analytics/quality/prices", "/console/analytics/quality", Map.of("channel", "douyin_ads",
        "model", "CPA", "periodStart", today.minusDays(30).toString(), "periodEnd", today.toString(), "price", "28.00"));
    assertThat(price.statusCode()).isEqualTo(302);
    var overlap = console.post("/console/analytics/quality/prices", "/console/analytics/quality", Map.of("channel", "douyin_ads",
        "model", "CPA", "periodStart", today.minusDays(3).toString(), "periodEnd", today.toString(), "price", "30.00"));
    assertThat(overlap.statusCode()).isEqualTo(302);
    var quality = console.get("/console/analytics/quality");
    assertThat(quality.body()).contains("id=\"price-table\"", "28.00", "id=\"price-error\"", "period_start",
        "id=\"cohort-table\"", "Bad-debt rate");

    assertThat(console.post("/console/analytics/quality/alerts", "/console/analytics/quality",
        Map.of("thresholdPercent", "15", "recipients", "risk@bank.example, ops@bank.example")).statusCode()).isEqualTo(302);
    assertThat(console.post("/console/analytics/quality/alerts/check", "/console/analytics/quality", Map.of()).statusCode())
        .isEqualTo(302);
    var alerts = console.get("/console/analytics/quality");
    assertThat(alerts.body()).contains("risk@bank.example, ops@bank.example", "value=\"15\"", "id=\"alert-table\"");

    var approver = new ConsoleSession(port).login(tenant.user(Role.APPROVER), TestTenants.PASSWORD);
    assertThat(approver.post("/console/analytics/quality/alerts", "/console/analytics/quality",
        Map.of("thresholdPercent", "50", "recipients", "")).statusCode()).isEqualTo(403);
  }

  private long draft(TestTenants.TestTenant tenant, Window window) {
    var rule = new RuleDefinition("first-today", "first today", "investment", "is_first_today",
        List.of(EffectDefinition.Grant.of(Asset.POINTS, "event.amount_fen / 1000")));
    var result = campaigns.create(tenant.id(), new CampaignPlan("Summer giveback", "volume", "giveback", window, "content",
        "process", List.of(rule), Map.of(Asset.POINTS, 100_000L), "owner", List.of(), null, List.of("sms"), 0, false, null),
        tenant.user(Role.OPERATOR));
    return ((CampaignResult.Done) result).campaign().id();
  }
}
