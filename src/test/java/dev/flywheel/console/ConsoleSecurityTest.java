package dev.flywheel.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.security.ApiKeys;
import dev.flywheel.platform.security.Role;
import dev.flywheel.support.ConsoleSession;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@RunningFlywheel
class ConsoleSecurityTest {
  @Autowired TestTenants tenants;
  @Autowired ApiKeys apiKeys;
  @LocalServerPort int port;

  @Test
  void theConsoleNeedsASignInAndRejectsWrongPasswords() {
    var tenant = tenants.create();
    var session = new ConsoleSession(port);
    var anonymous = session.get("/console");
    assertThat(anonymous.statusCode()).isEqualTo(302);
    assertThat(anonymous.headers().firstValue("Location").orElseThrow()).endsWith("/login");

    var wrong = session.post("/login", "/login", Map.of("username", tenant.user(Role.ADMIN), "password", "nope"));
    assertThat(wrong.headers().firstValue("Location").orElseThrow()).contains("/login?error");

    session.login(tenant.user(Role.ADMIN), TestTenants.PASSWORD);
    var dashboard = session.get("/console");
    assertThat(dashboard.statusCode()).isEqualTo(200);
    assertThat(dashboard.body()).contains("Dashboard").contains(tenant.tenant().name());
  }

  @Test
  void anAdminIssuesAndRevokesKeysWithCsrfProtection() {
    var tenant = tenants.create();
    var session = new ConsoleSession(port).login(tenant.user(Role.ADMIN), TestTenants.PASSWORD);

    var forged = session.postRaw("/console/admin/api-keys", Map.of("name", "forged"));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(apiKeys.list(tenant.id())).extracting(k -> k.name()).doesNotContain("forged");

    var issued = session.post("/console/admin/api-keys", "/console/admin/api-keys", Map.of("name", "loan app"));
    assertThat(issued.statusCode()).isEqualTo(302);
    var page = session.get("/console/admin/api-keys").body();
    assertThat(page).contains("loan app").contains("id=\"issued-key\"");
    assertThat(session.get("/console/admin/api-keys").body()).doesNotContain("id=\"issued-key\"");

    long id = apiKeys.list(tenant.id()).stream().filter(k -> k.name().equals("loan app")).findFirst().orElseThrow().id();
    session.post("/console/admin/api-keys/" + id + "/revoke", "/console/admin/api-keys", Map.of());
    assertThat(apiKeys.find(tenant.id(), id).orElseThrow().active()).isFalse();
  }

  @Test
  void operatorsCannotManageKeys() {
    var tenant = tenants.create();
    var session = new ConsoleSession(port).login(tenant.user(Role.OPERATOR), TestTenants.PASSWORD);
    assertThat(session.get("/console/admin/api-keys").statusCode()).isEqualTo(403);
  }

  @Test
  void theLanguageSwitchServesSimplifiedChinese() {
    var session = new ConsoleSession(port);
    assertThat(session.get("/login?lang=zh-CN").body()).contains("登录 Flywheel");
    assertThat(session.get("/login").body()).contains("登录 Flywheel");
    assertThat(session.get("/login?lang=en").body()).contains("Sign in to Flywheel");
  }
}
