package dev.flywheel.community;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.ConsoleSession;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import dev.flywheel.support.TestTenants.TestTenant;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The console pages: template editor, week grid with mark done, weekly report, library create and export. */
@RunningFlywheel
class CalendarConsoleTest {
  @Autowired TestTenants tenants;
  @Autowired Communities communities;
  @Autowired ContentCalendar calendar;
  @Autowired MovableClock clock;
  @LocalServerPort int port;

  @Test
  void anOperatorWritesATemplateAndTheManagerRunsTheWeekAndPullsAnActivity() {
    TestTenant tenant = tenants.create();
    long community = ((CommunityResult.Done) communities.create(tenant.id(), new CommunityDraft("Wealth club", "",
        ChatKind.WEB_ROOM, null, List.of(tenant.user(Role.EMPLOYEE))), "op")).community().id();
    LocalDate monday = LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Shanghai")).plusWeeks(1)
        .with(DayOfWeek.MONDAY);

    ConsoleSession operator = new ConsoleSession(port).login(tenant.user(Role.OPERATOR), TestTenants.PASSWORD);
    String editor = "/console/community-sop-templates";
    assertThat(operator.get(editor).statusCode()).isEqualTo(200);
    HttpResponse<String> bad = operator.post(editor, editor, row("Week", "25:99"));
    assertThat(bad.statusCode()).isEqualTo(200);
    assertThat(bad.body()).contains("slots[0].time");
    HttpResponse<String> saved = operator.post(editor, editor, row("Week", "20:00"));
    assertThat(saved.statusCode()).isEqualTo(302);
    long template = calendar.templates(tenant.id()).getFirst().id();
    assertThat(operator.get(editor + "?id=" + template).body()).contains("value=\"Dice game\"", "value=\"20:00\"");

    ConsoleSession manager = new ConsoleSession(port).login(tenant.user(Role.EMPLOYEE), TestTenants.PASSWORD);
    String week = "/console/community-calendar?community=" + community + "&week=" + monday;
    assertThat(manager.post("/console/community-calendar/" + community + "/apply", week,
        Map.of("template", Long.toString(template), "week", monday.toString())).statusCode()).isEqualTo(302);
    CalendarSlot slot = calendar.week(tenant.id(), community, monday).getFirst();
    String grid = manager.get(week).body();
    assertThat(grid).contains("id=\"slot-" + slot.id() + "\"", "Dice game", "20:00", "Mark done");
    assertThat(manager.post("/console/community-calendar/slots/" + slot.id() + "/done", week, Map.of()).statusCode())
        .isEqualTo(302);
    assertThat(calendar.slot(tenant.id(), slot.id()).orElseThrow().status()).isEqualTo("DONE");
    assertThat(manager.get("/console/community-calendar/report?community=" + community + "&week=" + monday).body())
        .contains("id=\"r-slots\">1 / 1 (0)<");

    String library = "/console/community-library";
    Map<String, String> quiz = new LinkedHashMap<>(Map.of("title", "Riddle hour", "theme", "riddles", "tags",
        "game, fun", "messages", "0 | Riddles start now\n30 | Half time", "form", "RIDDLE", "questions",
        "What has keys but no locks? | A piano | A door | A", "revealDelaySeconds", "120", "durationMinutes", "60"));
    quiz.put("prizeAsset", "");
    HttpResponse<String> created = manager.post(library, library + "/new", quiz);
    assertThat(created.statusCode()).isEqualTo(302);
    String detail = created.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
    assertThat(manager.get(detail).body()).contains("Riddle hour", "What has keys but no locks?", "export-form");
    assertThat(manager.get(library + "?tag=fun").body()).contains("Riddle hour");
    quiz.put("title", "Riddle hour II");
    assertThat(manager.post(detail, detail, quiz).statusCode()).isEqualTo(302);
    assertThat(manager.get(detail + "?version=1").body()).contains("Version 1 (current: 2)", "Riddle hour<");
    HttpResponse<String> exported = manager.post(detail + "/export", detail, Map.of("community",
        Long.toString(community), "date", monday.plusDays(2).toString(), "time", "19:30", "mode", "AUTO",
        "texts", "Riddles for Wealth club!"));
    assertThat(exported.statusCode()).isEqualTo(302);
    assertThat(manager.get(week).body()).contains("Riddle hour II (1/2)", "19:30");
    assertThat(calendar.week(tenant.id(), community, monday)).extracting(CalendarSlot::body)
        .contains("Riddles for Wealth club!", "Half time");
    assertThat(manager.get(week + "&lang=zh-CN").body()).contains("社群日历", "周二");
  }

  private static Map<String, String> row(String name, String time) {
    return Map.of("name", name, "weekday", "TUESDAY", "time", time, "kind", "GAME", "mode", "TASK",
        "title", "Dice game", "body", "Run the dice game", "validFrom", "", "validTo", "");
  }
}
