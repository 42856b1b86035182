package dev.flywheel.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.security.Role;
import dev.flywheel.reach.Channel;
import dev.flywheel.reach.MessageCategory;
import dev.flywheel.reach.MessageTemplate;
import dev.flywheel.reach.MessageTemplates;
import dev.flywheel.support.ApiClient;
import java.util.List;
import dev.flywheel.support.ConsoleSession;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The journey pages over real HTTP: list, create from a template, edit the draft, publish, pause, report. */
@RunningFlywheel
class JourneyPagesTest {
  @Autowired TestTenants tenants;
  @Autowired Journeys journeys;
  @Autowired MessageTemplates templates;
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

    var noCopy = operator.post("/console/journeys/" + id + "/publish", "/console/journeys/" + id, Map.of());
    assertThat(noCopy.statusCode()).isEqualTo(422);
    assertThat(noCopy.body()).contains("reach has no template &#39;card-day-1&#39;");
    copy("card-day-1", Channel.PUSH);
    copy("card-day-2", Channel.PUSH);
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
  void theStepFormsAddReorderRemoveAndSaveWithErrorsNextToTheirFields() {
    ConsoleSession operator = as(Role.OPERATOR);
    var created = operator.post("/console/journeys/new/stalled-application-step",
        "/console/journeys/new/stalled-application-step", Map.of("name", "Form edits", "days", "1,2", "templates", "f-1,f-2"));
    String location = created.headers().firstValue("Location").orElseThrow();
    long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    String page = "/console/journeys/" + id;
    assertThat(operator.get(page).body()).contains("id=\"step-0-duration\" value=\"P1D\"",
        "id=\"step-1-template\" value=\"f-1\"", "id=\"add-step\"", "id=\"journey-advanced\"");

    Map<String, String> rows = new LinkedHashMap<>();
    rows.putAll(Map.of("steps[0].type", "WAIT", "steps[0].key", "pause", "steps[0].duration", "P1D"));
    rows.putAll(Map.of("steps[1].type", "TAG", "steps[1].key", "mark", "steps[1].tags", "nudged"));
    var added = operator.post(page + "/steps", page, with(rows, Map.of("action", "add", "new_type", "GRANT")));
    assertThat(added.statusCode()).isEqualTo(200);
    assertThat(added.body()).contains("name=\"steps[2].campaign_id\"", "name=\"steps[2].asset\"", "id=\"step-2-key\" value=\"grant-3\"");
    var moved = operator.post(page + "/steps", page, with(rows, Map.of("action", "up-1")));
    assertThat(moved.body()).contains("name=\"steps[0].tags\"", "name=\"steps[1].duration\"");
    var removed = operator.post(page + "/steps", page, with(rows, Map.of("action", "remove-0")));
    assertThat(removed.body()).contains("name=\"steps[0].tags\"").doesNotContain("name=\"steps[1].");
    assertThat(journeys.find(tenant.id(), id).orElseThrow().draft().steps()).hasSize(4);

    Map<String, String> wrong = new LinkedHashMap<>(Map.of("steps[0].type", "WAIT", "steps[0].key", "pause",
        "steps[0].duration", "tomorrow", "steps[1].type", "TAG", "steps[1].key", "mark", "steps[1].tags", ""));
    var refused = operator.post(page + "/steps", page, with(wrong, Map.of("action", "save")));
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body()).contains("id=\"step-0-duration-error\">&#39;tomorrow&#39; is not an ISO-8601 duration")
        .contains("id=\"step-1-tags-error\">name at least one tag").contains("id=\"step-0-duration\" value=\"tomorrow\"");
    var unreadable = operator.post(page + "/steps", page, with(Map.of("steps[0].type", "GRANT", "steps[0].key", "g",
        "steps[0].amount", "lots"), Map.of("action", "save")));
    assertThat(unreadable.statusCode()).isEqualTo(422);
    assertThat(unreadable.body()).contains("id=\"step-0-amount-error\">&#39;lots&#39; is not a whole number");

    Map<String, String> unknownCopy = Map.of("steps[0].type", "SEND", "steps[0].key", "push",
        "steps[0].channels", "PUSH, SMS", "steps[0].template", "f-1", "steps[0].category", "SERVICE", "action", "save");
    var noTemplate = operator.post(page + "/steps", page, unknownCopy);
    assertThat(noTemplate.statusCode()).isEqualTo(422);
    assertThat(noTemplate.body()).contains("id=\"step-0-template-error\">reach has no template &#39;f-1&#39; for PUSH, SMS");
    copy("f-1", Channel.SMS);
    Map<String, String> good = new LinkedHashMap<>(Map.of("steps[0].type", "TAG", "steps[0].key", "mark",
        "steps[0].tags", "nudged, recall", "steps[1].type", "WAIT", "steps[1].key", "pause", "steps[1].duration", "PT4H"));
    good.putAll(Map.of("steps[2].type", "SEND", "steps[2].key", "push", "steps[2].channels", "PUSH, SMS",
        "steps[2].template", "f-1", "steps[2].category", "SERVICE", "steps[2].values", "{\"day\": 1}"));
    var saved = operator.post(page + "/steps", page, with(good, Map.of("action", "save")));
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
    var steps = journeys.find(tenant.id(), id).orElseThrow().draft().steps();
    assertThat(steps).containsExactly(JourneyStep.tag("mark", "nudged", "recall"), JourneyStep.waitFor("pause", "PT4H"),
        JourneyStep.send("push", MessageCategory.SERVICE, "f-1", Channel.PUSH, Channel.SMS).withValues(Map.of("day", 1)));
    assertThat(as(Role.OPERATOR).get(page + "?lang=zh-CN").body()).contains("添加步骤", "等待时长");
  }

  @Test
  void theWaitFormWaitsUntilThePhoneTaskHasAnOutcomeAndShowsItAgain() {
    ConsoleSession operator = as(Role.OPERATOR);
    var created = operator.post("/console/journeys/new/stalled-application-step",
        "/console/journeys/new/stalled-application-step", Map.of("name", "Call outcome", "days", "1,2", "templates", "f-1,f-2"));
    String location = created.headers().firstValue("Location").orElseThrow();
    long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    String page = "/console/journeys/" + id;
    assertThat(operator.get(page).body()).contains("name=\"steps[0].until_phone_outcome\"",
        "Or until the phone task has an outcome");

    Map<String, String> form = new LinkedHashMap<>(Map.of("steps[0].type", "WAIT", "steps[0].key", "wait-call",
        "steps[0].until_phone_outcome", "true", "steps[0].until_condition", "phone_outcome == 'REACHED'",
        "steps[0].timeout", "P2D", "steps[0].on_event", "reached", "steps[0].on_timeout", "missed"));
    form.putAll(Map.of("steps[1].type", "TAG", "steps[1].key", "reached", "steps[1].tags", "called",
        "steps[1].next", "end", "steps[2].type", "TAG", "steps[2].key", "missed", "steps[2].tags", "no-answer"));
    form.putAll(Map.of("steps[3].type", "EXIT", "steps[3].key", "end", "steps[3].reason", "done"));
    var saved = operator.post(page + "/steps", page, with(form, Map.of("action", "save")));
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
    assertThat(journeys.find(tenant.id(), id).orElseThrow().draft().steps().getFirst()).isEqualTo(
        JourneyStep.waitForPhoneOutcome("wait-call", "P2D", "reached", "missed")
            .withUntilCondition("phone_outcome == 'REACHED'"));

    var read = new ApiClient(port, tenant.apiKey()).get("/api/v1/journeys/" + id);
    assertThat(read.status()).isEqualTo(200);
    @SuppressWarnings("unchecked")
    Map<String, Object> wait = ((List<Map<String, Object>>) read.<Map<String, Object>>get("draft").get("steps")).getFirst();
    assertThat(wait).containsEntry("key", "wait-call").containsEntry("until_phone_outcome", true)
        .containsEntry("until_condition", "phone_outcome == 'REACHED'").containsEntry("timeout", "P2D")
        .containsEntry("on_event", "reached").containsEntry("on_timeout", "missed").doesNotContainKey("duration");

    String editor = operator.get(page).body();
    assertThat(editor).containsPattern("id=\"step-0-until_phone_outcome\">\\s*<option value=\"\">\\s*</option>"
        + "\\s*<option value=\"true\" selected=\"selected\">true</option>")
        .contains("id=\"step-0-until_condition\" value=\"phone_outcome == &#39;REACHED&#39;\"",
            "id=\"step-0-on_timeout\" value=\"missed\"");
    assertThat(operator.get(page + "?lang=zh-CN").body()).contains("或等到电话任务有结果");
  }

  private void copy(String key, Channel channel) {
    templates.save(tenant.id(), new MessageTemplate.Draft(key, channel, false, null,
        List.of(new MessageTemplate.Variant("plain", 1, null, "Hello"))), "test");
  }

  private static Map<String, String> with(Map<String, String> rows, Map<String, String> more) {
    Map<String, String> form = new LinkedHashMap<>(rows);
    form.putAll(more);
    return form;
  }

  @Test
  void employeesMayNotCreateAndPagesSpeakChinese() {
    assertThat(as(Role.EMPLOYEE).get("/console/journeys/new").statusCode()).isEqualTo(403);
    assertThat(as(Role.OPERATOR).get("/console/journeys?lang=zh-CN").body()).contains("新建旅程");
    assertThat(as(Role.OPERATOR).get("/console/journeys/424242").body()).contains("There is no journey with id 424242");
  }
}
