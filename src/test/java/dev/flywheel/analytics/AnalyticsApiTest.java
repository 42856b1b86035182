package dev.flywheel.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.customer.Segments;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@RunningFlywheel
class AnalyticsApiTest {
  @LocalServerPort int port;
  @Autowired TestTenants tenants;
  @Autowired EventIngestion ingestion;
  @Autowired MovableClock clock;
  @Autowired Segments segments;

  @Test
  void badFunnelsAndGoalsAreProblemsNamingTheField() {
    var api = new ApiClient(port, tenants.create().apiKey());
    var noSteps = api.post("/api/v1/analytics/funnels", Map.of("steps", List.of(), "window", "P7D"));
    assertThat(noSteps.status()).isEqualTo(422);
    assertThat(noSteps.code()).isEqualTo("no-steps");
    assertThat(noSteps.<List<Map<String, Object>>>get("errors")).extracting(e -> e.get("field")).containsExactly("steps");
    var noWindow = api.post("/api/v1/analytics/funnels", Map.of("steps", List.of("registered"), "window", "PT0S"));
    assertThat(noWindow.status()).isEqualTo(422);
    assertThat(noWindow.code()).isEqualTo("invalid-window");
    var negative = api.post("/api/v1/analytics/funnels", Map.of("steps", List.of("registered"), "window", "-P1D"));
    assertThat(negative.code()).isEqualTo("invalid-window");
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    var past = api.post("/api/v1/analytics/goals", Map.of("name", "May", "metric", "NEW_LOANS",
        "period_start", today.minusDays(40).toString(), "period_end", today.minusDays(10).toString(), "target", 100));
    assertThat(past.status()).isEqualTo(422);
    assertThat(past.code()).isEqualTo("past-period");
    assertThat(past.<List<Map<String, Object>>>get("errors")).extracting(e -> e.get("field")).containsExactly("period_end");
    var mismatch = api.post("/api/v1/analytics/goals", Map.of("name", "June", "metric", "TRANSACTION_VOLUME",
        "period_start", today.toString(), "period_end", today.plusDays(29).toString(), "target", 1000,
        "components", List.of(Map.of("name", "new funding", "amount", 750), Map.of("name", "reinvest", "amount", 200))));
    assertThat(mismatch.code()).isEqualTo("components-mismatch");
  }

  @Test
  void emptyDataAnswersEmptyResults() {
    var api = new ApiClient(port, tenants.create().apiKey());
    var funnel = api.post("/api/v1/analytics/funnels", Map.of("steps", FunnelDefinition.LOAN_FUNNEL, "breakdown", "channel"));
    assertThat(funnel.status()).isEqualTo(200);
    assertThat(funnel.<List<?>>get("rows")).isEmpty();
    assertThat(api.get("/api/v1/analytics/retention?grain=MONTH").<List<?>>get("cohorts")).isEmpty();
    assertThat(api.get("/api/v1/analytics/channels").<List<?>>get("channels")).isEmpty();
    assertThat(api.get("/api/v1/analytics/funders").<List<?>>get("funders")).isEmpty();
    assertThat(api.get("/api/v1/analytics/goals").<List<?>>get("goals")).isEmpty();
    assertThat(api.get("/api/v1/analytics/lifecycle").status()).isEqualTo(200);
  }

  @Test
  void aGoalIsPacedFromTodaysActualsAndWarnsWhenBehind() {
    var tenant = tenants.create();
    var api = new ApiClient(port, tenant.apiKey());
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    for (int i = 0; i < 3; i++) {
      ingestion.ingest(tenant.id(), new IncomingEvent("dd" + i, "G" + i, "drawdown", clock.instant().minusSeconds(60),
          Map.of("amount", new BigDecimal("1000.00")), null, null));
    }
    var created = api.post("/api/v1/analytics/goals", Map.of("name", "This month", "metric", "DRAWDOWN_AMOUNT",
        "period_start", today.minusDays(9).toString(), "period_end", today.plusDays(20).toString(), "target", 300000,
        "alert_percent", 10, "components", List.of(Map.of("name", "new", "amount", 200000), Map.of("name", "re-loans", "amount", 100000))));
    assertThat(created.status()).isEqualTo(201);
    Number id = created.get("id");
    var pacing = api.get("/api/v1/analytics/goals/" + id + "/pacing");
    assertThat(pacing.status()).isEqualTo(200);
    assertThat(new BigDecimal(pacing.get("actual").toString())).isEqualByComparingTo("3000.00");
    assertThat(pacing.<Boolean>get("alert")).as("nothing in the 9 days before today").isTrue();
    assertThat(new BigDecimal(pacing.get("remaining").toString())).isEqualByComparingTo("300000");
    assertThat(pacing.<List<?>>get("days")).hasSize(30);
    assertThat(new BigDecimal(pacing.get("required_per_day").toString())).isEqualByComparingTo("14285.71");
    assertThat(api.get("/api/v1/analytics/goals").<List<?>>get("goals")).hasSize(1);
    assertThat(api.delete("/api/v1/analytics/goals/" + id).status()).isEqualTo(204);
    assertThat(api.get("/api/v1/analytics/goals/" + id).status()).isEqualTo(404);
  }

  @Test
  void oneClickFromADropOffStepMakesASegmentOfThoseWhoDropped() {
    var tenant = tenants.create();
    var api = new ApiClient(port, tenant.apiKey());
    Instant t = clock.instant().minus(Duration.ofDays(3));
    for (int i = 0; i < 6; i++) {
      ingestion.ingest(tenant.id(), new IncomingEvent("pv" + i, "S" + i, "page_view", t.plusSeconds(i),
          Map.of("page", "landing"), i % 2 == 0 ? "douyin" : "baidu", null));
      if (i < 4) {
        ingestion.ingest(tenant.id(), new IncomingEvent("rg" + i, "S" + i, "registered", t.plusSeconds(100 + i), Map.of(), null, null));
      }
    }
    Map<String, Object> funnel = Map.of("steps", List.of("page_view:landing", "registered"), "window", "P1D",
        "from", t.minus(Duration.ofDays(1)).toString(), "breakdown", "CHANNEL");
    var result = api.post("/api/v1/analytics/funnels", funnel);
    assertThat(result.<List<Map<String, Object>>>get("rows")).extracting(r -> r.get("group")).containsExactlyInAnyOrder("douyin", "baidu");
    var made = api.post("/api/v1/analytics/funnels/segments", new java.util.HashMap<>(Map.of(
        "steps", funnel.get("steps"), "window", "P1D", "from", funnel.get("from"), "breakdown", "CHANNEL",
        "step", 2, "group", "douyin", "name", "Douyin visitors who did not register")));
    assertThat(made.status()).isEqualTo(201);
    assertThat(made.<Integer>get("customers")).isEqualTo(1);
    long segmentId = ((Number) made.get("segment_id")).longValue();
    assertThat(segments.members(tenant.id(), segmentId, 0, 100).customerIds()).containsExactly("S4");
    var badStep = api.post("/api/v1/analytics/funnels/segments", Map.of("steps", List.of("page_view:landing", "registered"), "step", 7));
    assertThat(badStep.code()).isEqualTo("invalid-step");
  }

  @Test
  void aFunderWhoseApprovalRateAndCreditLineDroppedIsFlagged() {
    var tenant = tenants.create();
    var api = new ApiClient(port, tenant.apiKey());
    Instant now = clock.instant();
    for (int i = 0; i < 10; i++) {
      decide(tenant.id(), "old" + i, now.minus(Duration.ofDays(20)), i < 8, "10000.00");
      decide(tenant.id(), "new" + i, now.minus(Duration.ofDays(2)), i < 3, "5000.00");
      decide(tenant.id(), "steady" + i, now.minus(Duration.ofDays(i < 5 ? 20 : 2)), true, "8000.00", "steady_bank");
    }
    var funders = api.get("/api/v1/analytics/funders?threshold=20").<List<Map<String, Object>>>get("funders");
    assertThat(funders).extracting(f -> f.get("funder")).containsExactly("falling_bank", "steady_bank");
    var falling = funders.getFirst();
    assertThat(falling.get("alert")).isEqualTo(true);
    assertThat(falling.get("reasons")).isEqualTo(List.of("approval-rate-drop", "credit-line-drop"));
    assertThat(((Number) falling.get("approval_rate_7d")).doubleValue()).isEqualTo(0.3);
    assertThat(((Number) falling.get("approval_rate_trailing")).doubleValue()).isEqualTo(0.8);
    assertThat(funders.get(1).get("alert")).isEqualTo(false);
  }

  @Test
  void channelQualityCountsConversionCostAndOverdue() {
    var tenant = tenants.create();
    var api = new ApiClient(port, tenant.apiKey());
    Instant t = clock.instant().minus(Duration.ofDays(5));
    for (int i = 0; i < 4; i++) {
      String c = "Q" + i;
      ingestion.ingest(tenant.id(), new IncomingEvent("pv" + i, c, "page_view", t, Map.of("page", "landing"), "douyin", null));
      if (i < 3) {
        ingestion.ingest(tenant.id(), new IncomingEvent("rg" + i, c, "registered", t.plusSeconds(60), Map.of(), null, null));
      }
      if (i < 2) {
        ingestion.ingest(tenant.id(), new IncomingEvent("dd" + i, c, "drawdown", t.plusSeconds(600),
            Map.of("amount", new BigDecimal("1000.00")), null, null));
      }
    }
    ingestion.ingest(tenant.id(), new IncomingEvent("od0", "Q0", "overdue", t.plusSeconds(3600), Map.of("days", 3L), null, null));
    LocalDate month = LocalDate.ofInstant(t, ZoneOffset.UTC).withDayOfMonth(1);
    assertThat(api.post("/api/v1/analytics/channels/costs", Map.of("channel", "douyin", "month", month.toString(), "cost", 500)).status())
        .isEqualTo(204);
    var channel = api.get("/api/v1/analytics/channels").<List<Map<String, Object>>>get("channels").getFirst();
    assertThat(channel).containsEntry("channel", "douyin").containsEntry("acquired", 4).containsEntry("registered", 3)
        .containsEntry("funded", 2).containsEntry("overdue", 1).containsEntry("overdue_rate", 0.5);
    assertThat(new BigDecimal(channel.get("cost_per_funded").toString())).isEqualByComparingTo("250");
    assertThat(api.post("/api/v1/analytics/channels/costs", Map.of("channel", "douyin", "month", "2026-06-15", "cost", 5)).code())
        .isEqualTo("invalid-month");
  }

  private void decide(long tenant, String id, Instant at, boolean approved, String line) {
    decide(tenant, id, at, approved, line, "falling_bank");
  }

  private void decide(long tenant, String id, Instant at, boolean approved, String line, String funder) {
    Map<String, Object> attributes = approved
        ? Map.of("funder", funder, "result", "approved", "credit_line", new BigDecimal(line))
        : Map.of("funder", funder, "result", "rejected");
    ingestion.ingest(tenant, new IncomingEvent(id, "F-" + id, "funder_decision", at, attributes, null, null));
  }
}
