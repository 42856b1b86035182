package dev.flywheel.campaign;

import dev.flywheel.support.ApiClient;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.security.ConsoleUsers;
import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.ConsoleSession;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Campaigns over HTTP: bad input is a problem detail and writes nothing; console decisions check people. */
@RunningFlywheel
class CampaignApiTest {
  @Autowired TestTenants tenants;
  @Autowired ConsoleUsers users;
  @Autowired MovableClock clock;
  @LocalServerPort int port;
  TestTenants.TestTenant tenant;
  ApiClient api;

  @BeforeEach
  void setUp() {
    tenant = tenants.create();
    api = new ApiClient(port, tenant.apiKey());
  }

  Map<String, Object> plan(Map<String, Object> overrides) {
    Map<String, Object> plan = new java.util.LinkedHashMap<>(Map.of("name", "June lottery",
        "window", Map.of("starts_at", clock.instant().plus(Duration.ofDays(1)).toString(),
            "ends_at", clock.instant().plus(Duration.ofDays(30)).toString()),
        "rules", List.of(Map.of("id", "chance", "trigger", "investment", "condition", "event.amount_fen > 100000",
            "effects", List.of(Map.of("type", "grant", "asset", "LOTTERY_CHANCE", "amount", "1")))),
        "budget", Map.of("LOTTERY_CHANCE", 10000), "channels", List.of("banner", "push"), "priority", 5));
    plan.putAll(overrides);
    return plan;
  }

  int count() {
    return api.get("/api/v1/campaigns").<List<?>>get("items").size();
  }

  @Test
  void badInputIsAProblemAndNothingIsWritten() {
    var invalidRule = api.post("/api/v1/campaigns", plan(Map.of("rules", List.of(
        Map.of("id", "ok", "trigger", "investment", "condition", "true",
            "effects", List.of(Map.of("type", "grant", "asset", "LOTTERY_CHANCE", "amount", "1"))),
        Map.of("id", "broken", "trigger", "investment", "condition", "event.amount_fen >",
            "effects", List.of(Map.of("type", "grant", "asset", "LOTTERY_CHANCE", "amount", "1")))))));
    assertThat(invalidRule.status()).isEqualTo(422);
    assertThat(invalidRule.<String>get("code")).isEqualTo("invalid-rule");
    assertThat(invalidRule.raw()).contains("rules[1].condition").contains("rule 'broken'").contains("line 1, column");

    var negative = api.post("/api/v1/campaigns", plan(Map.of("budget", Map.of("LOTTERY_CHANCE", -1))));
    assertThat(negative.status()).isEqualTo(422);
    assertThat(negative.raw()).contains("negative-budget").contains("budget.LOTTERY_CHANCE");

    var missing = api.post("/api/v1/campaigns", plan(Map.of("budget", Map.of("POINTS", 5))));
    assertThat(missing.<String>get("code")).isEqualTo("missing-budget");

    var channel = api.post("/api/v1/campaigns", plan(Map.of("channels", List.of("billboard"))));
    assertThat(channel.<String>get("code")).isEqualTo("unknown-channel");

    var window = api.post("/api/v1/campaigns", plan(Map.of("window", Map.of("starts_at", clock.instant().toString(),
        "ends_at", clock.instant().minus(Duration.ofDays(1)).toString()))));
    assertThat(window.<String>get("code")).isEqualTo("invalid-window");
    assertThat(count()).isZero();

    assertThat(api.post("/api/v1/campaigns", plan(Map.of("exclusive", true))).status()).isEqualTo(201);
    var overlap = api.post("/api/v1/campaigns", plan(Map.of("exclusive", true, "name", "rival")));
    assertThat(overlap.status()).isEqualTo(409);
    assertThat(overlap.<String>get("code")).isEqualTo("exclusive-overlap");
    assertThat(api.post("/api/v1/campaigns", plan(Map.of("exclusive", true, "priority", 6))).status())
        .as("another priority does not collide").isEqualTo(201);
    assertThat(count()).isEqualTo(2);
    assertThat(api.get("/api/v1/campaigns/999999999").<String>get("code")).isEqualTo("not-found");
  }

  @Test
  void templatesAreListedAndCreateDrafts() {
    var list = api.get("/api/v1/campaign-templates");
    assertThat(list.<List<Map<String, Object>>>get("items")).hasSize(12);

    var created = api.post("/api/v1/campaigns/from-template", Map.of("template", "investment_lottery",
        "parameters", Map.of(), "plan", plan(Map.of("rules", List.of()))));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.<String>get("status")).isEqualTo("DRAFT");
    assertThat(created.raw()).contains("event.amount_fen > 100000").contains("\"per_day\":5");

    var badParameter = api.post("/api/v1/campaigns/from-template", Map.of("template", "short_term_rate_boost",
        "parameters", Map.of("extra_rate_percent", "abc", "max_term_days", 90), "plan", plan(Map.of())));
    assertThat(badParameter.status()).isEqualTo(422);
    assertThat(badParameter.<String>get("code")).isEqualTo("invalid-parameter");
    assertThat(api.post("/api/v1/campaigns/from-template", Map.of("template", "nope", "parameters", Map.of(),
        "plan", plan(Map.of()))).<String>get("code")).isEqualTo("unknown-template");
  }

  @Test
  void approvalIsAConsoleDecisionByAnotherPerson() {
    long id = ((Number) api.post("/api/v1/campaigns", plan(Map.of())).get("id")).longValue();
    String both = "both@" + tenant.tenant().slug();
    users.create(tenant.id(), both, "Maker and checker", TestTenants.PASSWORD, EnumSet.of(Role.OPERATOR, Role.APPROVER));
    var maker = new ConsoleSession(port).login(both, TestTenants.PASSWORD);
    assertThat(maker.post("/console/api/campaigns/" + id + "/submit", "/console", Map.of()).statusCode()).isEqualTo(200);

    var self = maker.post("/console/api/campaigns/" + id + "/approve", "/console", Map.of("comment", "mine"));
    assertThat(self.statusCode()).isEqualTo(403);
    assertThat(self.body()).contains("self-approval");

    var operator = new ConsoleSession(port).login(tenant.user(Role.OPERATOR), TestTenants.PASSWORD);
    var notApprover = operator.post("/console/api/campaigns/" + id + "/approve", "/console", Map.of());
    assertThat(notApprover.statusCode()).isEqualTo(403);
    assertThat(notApprover.body()).contains("\"forbidden\"");

    var approver = new ConsoleSession(port).login(tenant.user(Role.APPROVER), TestTenants.PASSWORD);
    assertThat(approver.postRaw("/console/api/campaigns/" + id + "/approve", Map.of()).statusCode())
        .as("no CSRF token").isEqualTo(403);
    var approved = approver.post("/console/api/campaigns/" + id + "/approve", "/console", Map.of("comment", "ok"));
    assertThat(approved.statusCode()).isEqualTo(200);
    assertThat(approved.body()).contains("\"status\":\"APPROVED\"");

    var audit = api.get("/api/v1/campaigns/" + id + "/audit");
    assertThat(audit.<List<Map<String, Object>>>get("items")).extracting(e -> e.get("action"))
        .containsExactly("created", "submitted", "approved");
    assertThat(audit.<List<Map<String, Object>>>get("items").get(2).get("actor")).isEqualTo(tenant.user(Role.APPROVER));

    clock.advance(Duration.ofDays(40));
    var ended = api.put("/api/v1/campaigns/" + id, plan(Map.of("window", Map.of(
        "starts_at", clock.instant().toString(), "ends_at", clock.instant().plus(Duration.ofDays(1)).toString()))));
    // not swept yet: the edit of an approved campaign becomes a pending version
    assertThat(ended.status()).isEqualTo(200);
  }
}
