package dev.flywheel.community;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import dev.flywheel.support.TestTenants.TestTenant;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The calendar and library API, bad input answered as problem details. */
@RunningFlywheel
class CalendarApiTest {
  @Autowired TestTenants tenants;
  @Autowired MovableClock clock;
  @LocalServerPort int port;
  TestTenant tenant;
  ApiClient api;
  long community;

  @BeforeEach
  void community() {
    tenant = tenants.create();
    api = new ApiClient(port, tenant.apiKey());
    community = ((Number) api.post("/api/v1/communities", Map.of("name", "Club", "managers",
        List.of(tenant.user(Role.EMPLOYEE)))).body().get("id")).longValue();
  }

  static Map<String, Object> slot(Object weekday, String time, String kind, String mode) {
    return Map.of("weekday", weekday, "time", time, "kind", kind, "mode", mode, "title", "T", "body", "Text");
  }

  @Test
  void templatesAndCalendarsRefuseBadInputWithFieldsAndServeTheWeek() {
    ApiClient.Response bad = api.post("/api/v1/community-sop-templates", Map.of("name", "Week", "slots", List.of(
        slot("FUNDAY", "25:00", "GAME", "TASK"), slot(2, "20:00", "GOSSIP", "LATER"))));
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.code()).isEqualTo("invalid-template");
    assertThat(bad.raw()).contains("slots[0].weekday", "slots[0].time", "slots[1].kind", "slots[1].mode");

    ApiClient.Response created = api.post("/api/v1/community-sop-templates", Map.of("name", "Week", "slots", List.of(
        slot("TUESDAY", "20:00", "GAME", "TASK"), slot(4, "20:00", "game", "auto"))));
    assertThat(created.status()).isEqualTo(201);
    long template = ((Number) created.body().get("id")).longValue();
    assertThat(api.post("/api/v1/community-sop-templates", Map.of("name", "Week", "slots",
        List.of(slot(1, "09:00", "NEWS", "AUTO")))).code()).isEqualTo("template-name-taken");

    String nextWeek = LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Shanghai")).plusWeeks(1)
        .with(DayOfWeek.MONDAY).toString();
    ApiClient.Response unknown = api.post("/api/v1/communities/999999999/calendar/apply",
        Map.of("template_id", template, "week_of", nextWeek));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.code()).isEqualTo("community-not-found");
    assertThat(api.post("/api/v1/communities/" + community + "/calendar/apply", Map.of("week_of", nextWeek)).code())
        .isEqualTo("validation-failed");

    ApiClient.Response applied = api.post("/api/v1/communities/" + community + "/calendar/apply",
        Map.of("template_id", template, "week_of", nextWeek));
    assertThat(applied.status()).isEqualTo(201);
    List<Map<String, Object>> slots = applied.get("slots");
    assertThat(slots).extracting(s -> s.get("mode")).containsExactly("TASK", "AUTO");
    assertThat(api.get("/api/v1/communities/" + community + "/calendar?week_of=" + nextWeek).raw())
        .contains("\"week_start\":\"" + nextWeek + "\"", "\"zone\":\"Asia/Shanghai\"");
    assertThat(api.get("/api/v1/communities/" + community + "/calendar?week_of=soon").status()).isEqualTo(400);

    String done = "/api/v1/communities/" + community + "/calendar/slots/" + slots.getFirst().get("id") + "/done";
    ApiClient.Response stranger = api.post(done, Map.of("manager", tenant.user(Role.OPERATOR)));
    assertThat(stranger.status()).isEqualTo(403);
    assertThat(stranger.code()).isEqualTo("not-community-manager");
    assertThat(api.post(done, Map.of("manager", tenant.user(Role.EMPLOYEE))).get("status").toString()).isEqualTo("DONE");
    assertThat(api.post(done, Map.of("manager", tenant.user(Role.EMPLOYEE))).status()).isEqualTo(409);
    String autoDone = "/api/v1/communities/" + community + "/calendar/slots/" + slots.get(1).get("id") + "/done";
    assertThat(api.post(autoDone, Map.of("manager", tenant.user(Role.EMPLOYEE))).code()).isEqualTo("slot-is-automatic");

    ApiClient.Response report = api.get("/api/v1/communities/" + community + "/calendar/report?week_of=" + nextWeek);
    assertThat(report.status()).isEqualTo(200);
    assertThat(report.body()).containsEntry("slots", 2).containsEntry("slots_done", 1).containsEntry("posts_made", 0);
  }

  @Test
  void theLibraryVersionsSearchesExportsAndRanksOverHttp() {
    Map<String, Object> quiz = Map.of("title", "Pinyin quiz", "theme", "pinyin", "tags", List.of("game", "culture"),
        "messages", List.of(Map.of("offset_minutes", 0, "body", "Read the pinyin!")), "form", "PINYIN",
        "questions", List.of(Map.of("prompt", "yín háng", "options", List.of("银行", "银杏"), "correct", "A")),
        "reveal_delay_seconds", 120, "prize", Map.of("asset", "POINTS", "amount", 50), "duration_minutes", 60);
    ApiClient.Response created = api.post("/api/v1/community-library", quiz);
    assertThat(created.status()).isEqualTo(201);
    long id = ((Number) created.body().get("id")).longValue();
    ApiClient.Response invalid = api.post("/api/v1/community-library", Map.of("title", "x", "theme", "t", "form",
        "QUIZ", "messages", List.of(Map.of("offset_minutes", 0, "body", "hi")), "questions",
        List.of(Map.of("prompt", "?", "options", List.of("only one"), "correct", "C"))));
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.raw()).contains("questions[0].options");

    assertThat(api.put("/api/v1/community-library/" + id, new java.util.HashMap<>(quiz) {{
      put("title", "Pinyin quiz II");
    }}).body()).containsEntry("version", 2);
    assertThat(api.get("/api/v1/community-library?tag=culture").raw()).contains("Pinyin quiz II");
    assertThat(api.get("/api/v1/community-library?q=nothing-like-this").raw()).isEqualTo("{\"activities\":[]}");
    assertThat(api.get("/api/v1/community-library/" + id + "?version=1").body()).containsEntry("title", "Pinyin quiz");
    assertThat(api.get("/api/v1/community-library/" + id + "?version=7").status()).isEqualTo(404);

    String at = clock.instant().plus(Duration.ofDays(1)).toString();
    String export = "/api/v1/community-library/" + id + "/export";
    assertThat(api.post(export, Map.of("community_id", community, "starts_at", at, "manager",
        tenant.user(Role.OPERATOR))).status()).isEqualTo(403);
    assertThat(api.post(export, Map.of("community_id", 999999999, "starts_at", at, "manager",
        tenant.user(Role.EMPLOYEE))).code()).isEqualTo("community-not-found");
    assertThat(api.post(export, Map.of("community_id", community, "starts_at", "tomorrow", "manager",
        tenant.user(Role.EMPLOYEE))).status()).isEqualTo(400);
    ApiClient.Response exported = api.post(export, Map.of("community_id", community, "starts_at", at, "manager",
        tenant.user(Role.EMPLOYEE), "texts", List.of("读拼音啦！"), "prize", Map.of("asset", "POINTS", "amount", 80)));
    assertThat(exported.status()).isEqualTo(201);
    assertThat(exported.body()).containsEntry("version", 2);
    assertThat((Object) exported.get("game_id")).isNotNull();
    assertThat(exported.raw()).contains("读拼音啦！", "\"amount\":80");
    assertThat(api.get("/api/v1/community-library/ranking").raw()).contains("\"times_used\":1", "\"runs\":0");
  }
}
