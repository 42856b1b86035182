package dev.flywheel.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.security.Role;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.ConsoleSession;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import dev.flywheel.support.TestTenants.TestTenant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The layout's signed-in user and tenant ({@link ConsoleLayoutModel}) on pages, not on redirects or API answers. */
@RunningFlywheel
class ConsoleLayoutModelTest {
  @Autowired TestTenants tenants;
  @LocalServerPort int port;
  TestTenant tenant;

  @BeforeEach
  void tenant() {
    tenant = tenants.create();
  }

  @Test
  void everyRenderedPageShowsTheSignedInUserAndTheirTenant() {
    var session = new ConsoleSession(port).login(tenant.user(Role.ADMIN), TestTenants.PASSWORD);
    for (String path : new String[] {"/console", "/console/admin/api-keys", "/console/customers"}) {
      String page = session.get(path).body();
      assertThat(page).as(path)
          .contains("<span class=\"tenant\">" + tenant.tenant().name() + "</span>")
          .contains("<span class=\"user\">ADMIN</span>")
          .contains("id=\"nav-communities\"");
    }
    String notFound = session.get("/console/customers/nobody").body();
    assertThat(notFound).contains("<span class=\"user\">ADMIN</span>");
  }

  @Test
  void theLoginPageHasNoUserAndRedirectsCarryNoLayoutAttributes() {
    String login = new ConsoleSession(port).get("/login").body();
    assertThat(login).doesNotContain("class=\"user\"").doesNotContain("class=\"tenant\"");

    var session = new ConsoleSession(port).login(tenant.user(Role.ADMIN), TestTenants.PASSWORD);
    var issued = session.post("/console/admin/api-keys", "/console/admin/api-keys", Map.of("name", "layout test"));
    assertThat(issued.statusCode()).isEqualTo(302);
    assertThat(issued.headers().firstValue("Location").orElseThrow()).endsWith("/console/admin/api-keys");
    assertThat(session.get("/console/admin/api-keys").body()).contains("layout test")
        .contains("<span class=\"tenant\">" + tenant.tenant().name() + "</span>");
  }

  @Test
  void apiAnswersAreUnchanged() {
    var whoami = new ApiClient(port, tenant.apiKey()).get("/api/v1/whoami");
    assertThat(whoami.status()).isEqualTo(200);
    assertThat(whoami.body()).doesNotContainKeys("me", "tenantName");
    assertThat(whoami.raw()).doesNotContain("tenantName");
  }
}
