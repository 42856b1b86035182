package dev.flywheel.reach.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.reach.Channel;
import dev.flywheel.reach.delivery.send.Attempts;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.ConsoleSession;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The employee task inbox and the admins' provider settings, through real console sessions. */
@RunningFlywheel
class DeliveryPagesTest {
  private static final String TASKS = "/console/reach/phone-tasks";
  private static final String PROVIDERS = "/console/admin/reach-providers";
  @Autowired TestTenants tenants;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate tx;
  @Autowired Delivery delivery;
  @Autowired Attempts attempts;
  @Autowired PhoneTasks tasks;
  @Autowired MovableClock clock;
  @LocalServerPort int port;

  @Test
  void anEmployeeTakesATaskAndRecordsTheOutcome() {
    var fixture = new DeliveryFixture(jdbc, tx, delivery, clock);
    var tenant = tenants.create();
    new ApiClient(port, tenant.apiKey()).put("/api/v1/customers/C-1", Map.of("name", "Sun Li", "phone", "13912345678"));
    long id = fixture.queue(tenant.id(), "C-1", Channel.PHONE_TASK, null, "Approved, not drawn", "Remind them.");
    attempts.runDue(tenant.id(), 10);
    var employee = new ConsoleSession(port).login(tenant.user(Role.EMPLOYEE), TestTenants.PASSWORD);

    String page = employee.get(TASKS).body();
    assertThat(page).contains("Approved, not drawn").contains("139****5678").doesNotContain("13912345678");
    assertThat(employee.post(TASKS + "/" + id + "/claim", TASKS, Map.of()).statusCode()).isEqualTo(302);
    assertThat(employee.get(TASKS).body()).contains("id=\"task-" + id + "\"");
    assertThat(employee.post(TASKS + "/" + id + "/outcome", TASKS, Map.of("outcome", "REACHED", "note", "ok"))
        .statusCode()).isEqualTo(302);

    PhoneTask done = tasks.find(tenant.id(), id).orElseThrow();
    assertThat(done.status()).isEqualTo(PhoneTask.Status.DONE);
    assertThat(done.claimedBy()).isEqualTo(tenant.user(Role.EMPLOYEE));
    assertThat(fixture.status(id)).isEqualTo("DELIVERED");
    assertThat(employee.get(TASKS + "?lang=zh-CN").body()).contains("外呼任务");
  }

  @Test
  void onlyEmployeesSeeTheTaskInboxAndOnlyAdminsTheProviders() {
    var tenant = tenants.create();
    var operator = new ConsoleSession(port).login(tenant.user(Role.OPERATOR), TestTenants.PASSWORD);
    assertThat(operator.get(TASKS).statusCode()).isEqualTo(403);
    assertThat(operator.get(PROVIDERS).statusCode()).isEqualTo(403);

    var admin = new ConsoleSession(port).login(tenant.user(Role.ADMIN), TestTenants.PASSWORD);
    var saved = admin.post(PROVIDERS, PROVIDERS, Map.of("channel", "PUSH", "name", "pusher",
        "url", "https://push.example.com/send", "secret", "a-long-enough-push-secret", "headers", "X-App: flywheel"));
    assertThat(saved.statusCode()).isEqualTo(302);
    String page = admin.get(PROVIDERS).body();
    assertThat(page).contains("pusher").contains("https://push.example.com/send").contains("…cret")
        .doesNotContain("a-long-enough-push-secret");
    admin.post(PROVIDERS, PROVIDERS, Map.of("channel", "SMS", "name", "bad", "url", "nope", "secret", "x"));
    String refused = admin.get(PROVIDERS).body();
    assertThat(refused).contains("id=\"provider-issues\"").contains("url: ").contains("secret: ")
        .doesNotContain("<td>bad</td>");
  }
}
