package dev.flywheel.fission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.event.EventIngestion;
import dev.flywheel.platform.security.ConsoleUsers;
import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.ConsoleSession;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The console: configuration form, results and review, reminders, the live code, the leaderboard and team PK. */
@RunningFlywheel
class FissionConsoleTest {
  @Autowired TestTenants tenants;
  @Autowired Activities activities;
  @Autowired Tasks tasks;
  @Autowired Helps helps;
  @Autowired Reminders reminders;
  @Autowired Results results;
  @Autowired ConsoleUsers users;
  @Autowired EventIngestion events;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;

  @Test
  void anOperatorConfiguresAnActivityInTheFormAndReviewsAHeldHelp() {
    TestTenants.TestTenant tenant = tenants.create();
    ConsoleSession operator = new ConsoleSession(port).login(tenant.user(Role.OPERATOR), TestTenants.PASSWORD);
    HttpResponse<String> blank = operator.get("/console/fission/new");
    assertThat(blank.statusCode()).isEqualTo(200);
    assertThat(blank.body()).contains("id=\"fission-form\"").contains("enctype=\"multipart/form-data\"");
    Map<String, String> form = new HashMap<>();
    form.put("name", "Autumn invite");
    form.put("rules", "Invite 2 friends");
    form.put("startsAt", "2020-01-01T00:00");
    form.put("endsAt", "2020-01-01T00:00");
    form.put("helpersNeeded", "2");
    form.put("rewardAsset", "POINTS");
    form.put("rewardAmount", "50");
    form.put("maxRewards", "10");
    form.put("qrX", "435");
    form.put("qrY", "1040");
    form.put("qrSize", "200");
    HttpResponse<String> refused = operator.post("/console/fission/new", "/console/fission/new", form);
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body()).contains("data-field=\"ends_at\"");
    form.put("startsAt", java.time.LocalDateTime.ofInstant(clock.instant().minusSeconds(60), java.time.ZoneId.of("Asia/Shanghai")).withNano(0).toString());
    form.put("endsAt", java.time.LocalDateTime.ofInstant(clock.instant().plus(Duration.ofDays(5)), java.time.ZoneId.of("Asia/Shanghai")).withNano(0).toString());
    HttpResponse<String> created = operator.post("/console/fission/new", "/console/fission/new", form);
    assertThat(created.statusCode()).isEqualTo(302);
    Activity a = activities.list(tenant.id()).getFirst();
    assertThat(a.helpersNeeded()).isEqualTo(2);
    assertThat(a.newCustomersOnly()).as("an unticked box is off").isFalse();

    Task task = new FissionFixtures(activities, tasks, events, clock).task(tenant.id(), a, "c-1", "phone-x");
    HelpOutcome held = helps.help(new HelpRequest(tenant.id(), tasks.invite(task, a), "c-1-alt", "phone-x", "ip"));
    assertThat(held).isInstanceOf(HelpOutcome.Held.class);
    String page = operator.get("/console/fission/" + a.id()).body();
    assertThat(page).contains("Autumn invite").contains("shared-device").contains("id=\"f-customers\">1<");
    long helpId = activities.held(tenant.id(), a.id()).getFirst().id();
    HttpResponse<String> approved = operator.post("/console/fission/" + a.id() + "/helps/" + helpId + "/approve",
        "/console/fission/" + a.id(), Map.of());
    assertThat(approved.statusCode()).isEqualTo(302);
    assertThat(tasks.get(tenant.id(), task.id()).orElseThrow().helps()).isEqualTo(1);
    assertThat(operator.get("/console/fission/" + a.id() + "/results.csv").body()).startsWith("section,");
    ConsoleSession employee = new ConsoleSession(port).login(tenant.user(Role.EMPLOYEE), TestTenants.PASSWORD);
    assertThat(employee.postRaw("/console/fission/" + a.id() + "/helps/" + helpId + "/reject", Map.of()).statusCode())
        .isEqualTo(403);
  }

  @Test
  void employeesAreRemindedOnceTheLiveCodeSpreadsCustomersAndTheBoardRanksEmployeesAndTeams() {
    TestTenants.TestTenant tenant = tenants.create();
    long e1 = users.create(tenant.id(), "e1@" + tenant.tenant().slug(), "Li Lei", TestTenants.PASSWORD,
        java.util.EnumSet.of(Role.EMPLOYEE)).id();
    long e2 = users.create(tenant.id(), "e2@" + tenant.tenant().slug(), "Han Mei", TestTenants.PASSWORD,
        java.util.EnumSet.of(Role.EMPLOYEE)).id();
    activities.saveEmployee(tenant.id(), e1, "Li Lei", "North");
    activities.saveEmployee(tenant.id(), e2, "Han Mei", "South");
    FissionFixtures fx = new FissionFixtures(activities, tasks, events, clock);
    Activity a = fx.create(tenant.id(), FissionFixtures.draft(2, false, true, clock.instant().plusSeconds(3600),
        clock.instant().plus(Duration.ofDays(3)), List.of(new Activity.Acquirer(e1, "Hi, I am Li Lei"),
            new Activity.Acquirer(e2, "Hi, I am Han Mei"))));
    reminders.fire(tenant.id(), Reminders.instanceId(a.id(), "start"));
    reminders.fire(tenant.id(), Reminders.instanceId(a.id(), "start")); // a task firing twice notifies once
    assertThat(jdbc.sql("select kind, count(*) from fission_notifications where user_id = :u group by kind order by kind")
        .param("u", e1).query((rs, i) -> rs.getString(1) + "=" + rs.getLong(2)).list())
        .containsExactly("created=1", "start=1");

    // the live code alternates the two employees and answers a returning customer the same one
    assertThat(tasks.contact(tenant.id(), a.id(), "n1").orElseThrow().userId()).isEqualTo(e1);
    assertThat(tasks.contact(tenant.id(), a.id(), "n2").orElseThrow().userId()).isEqualTo(e2);
    assertThat(tasks.contact(tenant.id(), a.id(), "n3").orElseThrow().userId()).isEqualTo(e1);
    assertThat(tasks.contact(tenant.id(), a.id(), "n2").orElseThrow().welcome()).isEqualTo("Hi, I am Han Mei");

    clock.advance(Duration.ofHours(2));
    Task t1 = fx.task(tenant.id(), a, "n1", "p1");
    Task t3 = fx.task(tenant.id(), a, "n3", "p3");
    fx.task(tenant.id(), a, "n2", "p2");
    for (String h : List.of("x1", "x2")) {
      helps.help(new HelpRequest(tenant.id(), tasks.invite(t1, a), h, "d-" + h, "ip-" + h));
    }
    helps.help(new HelpRequest(tenant.id(), tasks.invite(t3, a), "x3", "d-x3", "ip-x3"));
    assertThat(jdbc.sql("select count(*) from fission_notifications where user_id = :u and kind like 'completed-%'")
        .param("u", e1).query(Long.class).single()).as("reminded to contact the completed customer").isEqualTo(1);

    var zone = java.time.ZoneId.of("Asia/Shanghai");
    Results.Board board = results.board(a, java.time.LocalDate.ofInstant(clock.instant(), zone), zone);
    assertThat(board.red()).extracting(Results.EmployeeRow::name).containsExactly("Li Lei");
    assertThat(board.red().getFirst().score()).isEqualTo(3);
    assertThat(board.black()).extracting(Results.EmployeeRow::name).contains("Han Mei");
    assertThat(board.teams().getFirst().orgUnit()).isEqualTo("North");
    ConsoleSession li = new ConsoleSession(port).login("e1@" + tenant.tenant().slug(), TestTenants.PASSWORD);
    String mobile = li.get("/console/fission/" + a.id() + "/board").body();
    assertThat(mobile).contains("width=device-width").contains("Li Lei").contains("North");
    assertThat(li.get("/console/fission/my").body()).contains("has started").contains("Hi! Join our activity");
  }
}
