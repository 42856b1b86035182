package dev.flywheel.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.customer.Segments;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.FlywheelTest;
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

@FlywheelTest
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
}
