package dev.flywheel.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.ApiClient;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code /api/v1/journeys}: drafts, templates, publishing, pausing, reports and problem details for bad input. */
@RunningFlywheel
class JourneyApiTest {
  @Autowired TestTenants tenants;
  @LocalServerPort int port;
  ApiClient api;

  @BeforeEach
  void setUp() {
    api = new ApiClient(port, tenants.create().apiKey());
  }

  private static Map<String, Object> journey(Object trigger, List<Map<String, Object>> steps) {
    return Map.of("name", "Test journey", "trigger", trigger, "steps", steps);
  }

  private static Map<String, Object> onLogin() {
    return Map.of("kind", "EVENT", "event_type", "app_login");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> errors(ApiClient.Response response) {
    return (List<Map<String, Object>>) response.body().get("errors");
  }

  @Test
  void createsPublishesPausesAndReportsAJourney() {
    ApiClient.Response created = api.post("/api/v1/journeys", journey(onLogin(), List.of(
        Map.of("key", "wait", "type", "WAIT", "duration", "P1D"),
        Map.of("key", "tag", "type", "TAG", "tags", List.of("came-back")))));
    assertThat(created.status()).as(created.raw()).isEqualTo(201);
    Number id = created.get("id");
    assertThat((String) created.get("status")).isEqualTo("DRAFT");

    ApiClient.Response published = api.post("/api/v1/journeys/" + id + "/publish", null);
    assertThat(published.status()).as(published.raw()).isEqualTo(200);
    assertThat((Number) published.get("active_version")).isEqualTo(1);
    assertThat((String) published.get("status")).isEqualTo("ACTIVE");
    assertThat(api.post("/api/v1/journeys/" + id + "/pause", null).<String>get("status")).isEqualTo("PAUSED");
    assertThat(api.post("/api/v1/journeys/" + id + "/pause", null).code()).isEqualTo("not-active");
    assertThat(api.post("/api/v1/journeys/" + id + "/resume", null).<String>get("status")).isEqualTo("ACTIVE");

    ApiClient.Response report = api.get("/api/v1/journeys/" + id + "/report");
    assertThat(report.status()).as(report.raw()).isEqualTo(200);
    assertThat((Number) report.get("entered")).isEqualTo(0);
    assertThat(api.get("/api/v1/journeys").raw()).contains("\"Test journey\"");
    assertThat(api.get("/api/v1/journeys/999999").code()).isEqualTo("not-found");
  }

  @Test
  void createsFromABuiltInTemplateAndListsTheTemplates() {
    ApiClient.Response templates = api.get("/api/v1/journey-templates");
    assertThat(templates.raw()).contains("stalled-application-step", "approved-not-drawn", "repayment-reminders",
        "collection-reminders", "repaid-no-reloan", "rejected-diversion", "dormant-recall");
    ApiClient.Response created = api.post("/api/v1/journeys/from-template",
        Map.of("template", "stalled-application-step", "parameters", Map.of("days", "1,3", "templates", "a,b")));
    assertThat(created.status()).as(created.raw()).isEqualTo(201);
    assertThat(created.raw()).contains("\"wait-day-3\"", "\"P2D\"", "\"template\":\"b\"");

    ApiClient.Response unknown = api.post("/api/v1/journeys/from-template", Map.of("template", "nope"));
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.code()).isEqualTo("unknown-template");
    ApiClient.Response badDays = api.post("/api/v1/journeys/from-template",
        Map.of("template", "stalled-application-step", "parameters", Map.of("days", "3,1", "templates", "a,b")));
    assertThat(badDays.code()).isEqualTo("invalid-parameter");
    assertThat(errors(badDays).getFirst()).containsEntry("field", "parameters.days");
  }

  @Test
  void refusesUnknownStepKeysAndEventTypesWithTheFieldAtFault() {
    ApiClient.Response response = api.post("/api/v1/journeys", journey(
        Map.of("kind", "EVENT", "event_type", "no_such_event"), List.of(
            Map.of("key", "tag", "type", "TAG", "tags", List.of("x"), "next", "missing"))));
    assertThat(response.status()).isEqualTo(422);
    assertThat(response.code()).isEqualTo("invalid-journey");
    assertThat(errors(response)).extracting(e -> e.get("field") + " " + e.get("code"))
        .containsExactlyInAnyOrder("trigger.event_type unknown-event-type", "steps[0] unknown-step");
  }

  @Test
  void refusesAnInvalidConditionWithItsPosition() {
    ApiClient.Response response = api.post("/api/v1/journeys", journey(onLogin(), List.of(
        Map.of("key", "b", "type", "BRANCH", "condition", "customer.loan_stag == 'X'", "then", "t"),
        Map.of("key", "t", "type", "TAG", "tags", List.of("x")))));
    assertThat(response.code()).isEqualTo("invalid-condition");
    assertThat(errors(response).getFirst()).containsEntry("field", "steps[0].condition");
    assertThat((String) errors(response).getFirst().get("message")).contains("line 1, column 9", "loan_stag");
  }

  @Test
  void refusesALoopWithoutAWait() {
    ApiClient.Response response = api.post("/api/v1/journeys", journey(onLogin(), List.of(
        Map.of("key", "a", "type", "TAG", "tags", List.of("x")),
        Map.of("key", "b", "type", "TAG", "tags", List.of("y"), "next", "a"))));
    assertThat(response.code()).isEqualTo("cycle-without-wait");
    ApiClient.Response withWait = api.post("/api/v1/journeys", journey(onLogin(), List.of(
        Map.of("key", "a", "type", "TAG", "tags", List.of("x")),
        Map.of("key", "w", "type", "WAIT", "duration", "P7D"),
        Map.of("key", "b", "type", "TAG", "tags", List.of("y"), "next", "a"))));
    assertThat(withWait.status()).as(withWait.raw()).isEqualTo(201);
  }

  @Test
  void refusesAWaitForAnEventWithoutTimeoutOrTimeoutTarget() {
    ApiClient.Response response = api.post("/api/v1/journeys", journey(onLogin(), List.of(
        Map.of("key", "w", "type", "WAIT", "until_event", "drawdown"))));
    assertThat(errors(response)).extracting(e -> e.get("field") + " " + e.get("code"))
        .containsExactlyInAnyOrder("steps[0].timeout missing-timeout", "steps[0].on_timeout missing-timeout-target");
    ApiClient.Response badDuration = api.post("/api/v1/journeys", journey(onLogin(), List.of(
        Map.of("key", "w", "type", "WAIT", "duration", "one day"))));
    assertThat(badDuration.code()).isEqualTo("invalid-duration");
  }

  @Test
  void refusesStepsMissingTheirFieldsAndUnknownCampaigns() {
    ApiClient.Response response = api.post("/api/v1/journeys", journey(onLogin(), List.of(
        Map.of("key", "s", "type", "SEND"),
        Map.of("key", "g", "type", "GRANT", "campaign_id", 987654, "asset", "POINTS", "amount", 10),
        Map.of("key", "s", "type", "EXIT"))));
    assertThat(errors(response)).extracting(e -> e.get("field") + " " + e.get("code"))
        .contains("steps[0].channels missing-field", "steps[0].template missing-field",
            "steps[0].category missing-field", "steps[1].campaign_id unknown-campaign",
            "steps[2].key duplicate-step-key");
  }
}
