package dev.flywheel.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.security.Role;
import dev.flywheel.support.ConsoleSession;
import dev.flywheel.support.FlywheelTest;
import dev.flywheel.support.TestTenants;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The journey pages over real HTTP: list, create from a template, edit the draft, publish, pause, report. */
@FlywheelTest
class JourneyPagesTest {
  @Autowired TestTenants tenants;
  @Autowired Journeys journeys;
  @LocalServerPort int port;
  TestTenants.TestTenant tenant;

  @BeforeEach
  void setUp() {
    tenant = tenants.create();
  }

  private ConsoleSession as(Role role) {
    return new ConsoleSession(port).login(tenant.user(role), TestTenants.PASSWORD);
  }

  @Test
  void anOperatorCreatesEditsPublishesAndReadsTheReport() {
    ConsoleSession operator = as(Role.OPERATOR);
    assertThat(operator.get("/console/journeys").body()).contains("id=\"new-journey\"", "No journeys yet.");
    assertThat(operator.get("/console/journeys/new").body()).contains("journey-template-stalled-application-step",
        "journey-template-dormant-recall");
    String form = operator.get("/console/journeys/new/stalled-application-step").body();
    assertThat(form).contains("name=\"days\"", "value=\"1,2,3\"");

    Map<String, String> bad = new LinkedHashMap<>(Map.of("days", "1,2", "templates", "only-one"));
    var refused = operator.post("/console/journeys/new/stalled-application-step",
        "/console/journeys/new/stalled-application-step", bad);
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body()).contains("templates");

    var created = operator.post("/console/journeys/new/stalled-application-step",
        "/console/journeys/new/stalled-application-step", Map.of("name", "Bank card nudges", "days", "1,2", "templates", "card-day-1,card-day-2"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
    String location = created.headers().firstValue("Location").orElseThrow();
    long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    String editor = operator.get("/console/journeys/" + id).body();
    assertThat(editor).contains("Bank card nudges", "id=\"step-wait-day-1\"", "id=\"step-day-2\"", "id=\"publish-journey\"");

    var badDraft = operator.post("/console/journeys/" + id + "/draft", "/console/journeys/" + id,
        Map.of("definition", "{\"name\": \"x\", \"trigger\": {\"kind\": \"EVENT\", \"event_type\": \"nope\"}, "
            + "\"steps\": [{\"key\": \"t\", \"type\": \"TAG\", \"tags\": [\"a\"]}]}"));
    assertThat(badDraft.statusCode()).isEqualTo(422);
    assertThat(badDraft.body()).contains("trigger.event_type: unknown event type");

    var published = operator.post("/console/journeys/" + id + "/publish", "/console/journeys/" + id, Map.of());
    assertThat(published.statusCode()).isEqualTo(302);
    assertThat(journeys.find(tenant.id(), id).orElseThrow().activeVersion()).isEqualTo(1);
    assertThat(operator.get("/console/journeys/" + id).body()).contains("id=\"pause-journey\"");
    operator.post("/console/journeys/" + id + "/pause", "/console/journeys/" + id, Map.of());
    assertThat(journeys.find(tenant.id(), id).orElseThrow().status()).isEqualTo(JourneyStatus.PAUSED);

    String report = operator.get("/console/journeys/" + id + "/report").body();
    assertThat(report).contains("id=\"chart-journey-funnel\"", "&quot;type&quot;:&quot;funnel&quot;",
        "id=\"report-step-v1-day-1\"");
    assertThat(as(Role.EMPLOYEE).get("/console/journeys").body()).contains("Bank card nudges")
        .doesNotContain("id=\"new-journey\"");
  }

  @Test
  void employeesMayNotCreateAndPagesSpeakChinese() {
    assertThat(as(Role.EMPLOYEE).get("/console/journeys/new").statusCode()).isEqualTo(403);
    assertThat(as(Role.OPERATOR).get("/console/journeys?lang=zh-CN").body()).contains("新建旅程");
    assertThat(as(Role.OPERATOR).get("/console/journeys/424242").body()).contains("There is no journey with id 424242");
  }
}
