package dev.flywheel.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.security.ApiKeys;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

@RunningFlywheel
class ApiSecurityTest {
  @Autowired TestTenants tenants;
  @Autowired ApiKeys apiKeys;
  @LocalServerPort int port;

  @Test
  void anApiCallWithoutAKeyIsUnauthorizedAsAProblem() {
    var response = RestClient.create("http://localhost:" + port).get().uri("/api/v1/whoami")
        .exchange((req, res) -> new Object[] {res.getStatusCode().value(), res.getHeaders().getContentType(),
            new String(res.getBody().readAllBytes())});
    assertThat(response[0]).isEqualTo(401);
    assertThat(response[1].toString()).startsWith("application/problem+json");
    assertThat((String) response[2]).contains("\"code\":\"unauthorized\"");
  }

  @Test
  void aRevokedKeyStopsWorkingAndUseIsRecorded() {
    var tenant = tenants.create();
    var client = RestClient.create("http://localhost:" + port);
    int before = client.get().uri("/api/v1/whoami").header("Authorization", "Bearer " + tenant.apiKey())
        .exchange((req, res) -> res.getStatusCode().value());
    assertThat(before).isEqualTo(200);
    var key = apiKeys.list(tenant.id()).getFirst();
    assertThat(key.lastUsedAt()).isNotNull();

    assertThat(apiKeys.revoke(tenant.id(), key.id())).isTrue();
    int after = client.get().uri("/api/v1/whoami").header("Authorization", "Bearer " + tenant.apiKey())
        .exchange((req, res) -> res.getStatusCode().value());
    assertThat(after).isEqualTo(401);
  }

  @Test
  void aTenantCannotRevokeAnotherTenantsKey() {
    var a = tenants.create();
    var b = tenants.create();
    var keyOfB = apiKeys.list(b.id()).getFirst();
    assertThat(apiKeys.revoke(a.id(), keyOfB.id())).isFalse();
    assertThat(apiKeys.find(b.id(), keyOfB.id()).orElseThrow().active()).isTrue();
  }
}
