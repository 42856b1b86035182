package dev.flywheel.reach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.customer.Customers;
import dev.flywheel.platform.security.Role;
import dev.flywheel.support.ConsoleSession;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The console's template editor (with preview) and the caps and quiet hours page. */
@RunningFlywheel
class ReachConsoleTest {
  @Autowired TestTenants tenants;
  @Autowired Customers customers;
  @Autowired ContactPolicies policies;
  @Autowired MessageTemplates templates;
  @LocalServerPort int port;

  @Test
  void operatorsEditTemplatesWithVariantsAndPreviewThem() {
    var tenant = tenants.create();
    customers.saveProfile(tenant.id(), "p-1", Map.of("name", "Zhao Min", "city", "Suzhou", "phone", "13900000000"));
    ConsoleSession session = new ConsoleSession(port).login(tenant.user(Role.OPERATOR), TestTenants.PASSWORD);
    assertThat(session.get("/console/reach/templates").body()).contains("id=\"new-template\"");
    Map<String, String> form = new LinkedHashMap<>();
    form.put("key", "stalled-day1");
    form.put("channel", "SMS");
    form.put("variantName", "caring");
    form.put("variantWeight", "1");
    form.put("variantSubject", "");
    form.put("variantBody", "Hi ${customer.nmae}");
    var refused = session.post("/console/reach/templates", "/console/reach/templates/new", form);
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body()).contains("variants[0].body").contains("customer.nmae");

    form.put("variantBody", "Hi ${customer.name} in ${customer.city}, finish your application");
    var saved = session.post("/console/reach/templates", "/console/reach/templates/new", form);
    assertThat(saved.statusCode()).isEqualTo(302);
    String location = saved.headers().firstValue("Location").orElseThrow();
    String path = location.substring(location.indexOf("/console/"));
    String page = session.get(path).body();
    assertThat(page).contains("id=\"variant-results\"").contains("stalled-day1").contains("caring");
    var preview = session.post(path + "/preview", path, Map.of("variant", "caring", "customer", "p-1"));
    assertThat(preview.body()).contains("Hi Zhao Min in Suzhou, finish your application Reply TD to unsubscribe");
    assertThat(session.get("/console/reach/templates?lang=zh-CN").body()).contains("消息模板");

    var viewer = new ConsoleSession(port).login(tenant.user(Role.EMPLOYEE), TestTenants.PASSWORD);
    assertThat(viewer.get(path).body()).doesNotContain("id=\"save-template\"");
  }

  @Test
  void capsAndQuietHoursAreSavedFromTheSettingsPage() {
    var tenant = tenants.create();
    ConsoleSession session = new ConsoleSession(port).login(tenant.user(Role.ADMIN), TestTenants.PASSWORD);
    String page = session.get("/console/reach/settings").body();
    assertThat(page).contains("id=\"stage-policy\"").contains("Reply TD to unsubscribe");
    Map<String, String> form = new LinkedHashMap<>();
    form.put("cap.SMS.week", "3");
    form.put("totalPerWeek", "5");
    form.put("minInterval", "30");
    form.put("quietStart", "22:00");
    form.put("quietEnd", "08:00");
    form.put("quietChannel", "SMS");
    form.put("stage.REGISTERED", "SMS");
    form.put("h5Channel", "SMS");
    form.put("optOutText", "回复TD退订");
    form.put("fixedHour", "11");
    var saved = session.post("/console/reach/settings", "/console/reach/settings", form);
    assertThat(saved.statusCode()).isEqualTo(200);
    assertThat(saved.body()).contains("id=\"saved\"");
    ContactPolicy policy = policies.find(tenant.id());
    assertThat(policy.caps(Channel.SMS).perWeek()).isEqualTo(3);
    assertThat(policy.totalPerWeek()).isEqualTo(5);
    assertThat(policy.quietHours().start()).hasToString("22:00");
    assertThat(policy.optOutText()).isEqualTo("回复TD退订");
    form.put("quietStart", "25:00");
    var refused = session.post("/console/reach/settings", "/console/reach/settings", form);
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body()).contains("quiet_hours.start");
  }

  @Test
  void theDemoMailboxPageSaysItIsOffWhenTheDemoIsOff() {
    var tenant = tenants.create();
    ConsoleSession session = new ConsoleSession(port).login(tenant.user(Role.OPERATOR), TestTenants.PASSWORD);
    var page = session.get("/console/reach/demo-mailbox");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("id=\"demo-mailbox-off\"").doesNotContain("id=\"demo-mails\"")
        .doesNotContain("href=\"/console/reach/demo-mailbox\"");
  }
}
