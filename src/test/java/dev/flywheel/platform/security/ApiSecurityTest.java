package dev.flywheel.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

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
  void aCachedKeyIsRefusedOnTheVeryNextRequestAfterItsRevocation() {
    var tenant = tenants.create();
    var client = RestClient.create("http://localhost:" + port);
    for (int i = 0; i < 3; i++) {
      assertThat(whoami(client, tenant.apiKey())).isEqualTo(200);
    }
    assertThat(apiKeys.cached(tenant.apiKey())).isTrue();
    // the row is still there and active when read directly: the cache is what answers now
    var key = apiKeys.list(tenant.id()).getFirst();

    assertThat(apiKeys.revoke(tenant.id(), key.id())).isTrue();
    assertThat(apiKeys.cached(tenant.apiKey())).isFalse();
    assertThat(whoami(client, tenant.apiKey())).isEqualTo(401);
    assertThat(apiKeys.cached(tenant.apiKey())).isFalse();
  }

  @Test
  void aWrongKeyIsNeverCachedAsValidEvenNextToACachedOne() {
    var tenant = tenants.create();
    var client = RestClient.create("http://localhost:" + port);
    assertThat(whoami(client, tenant.apiKey())).isEqualTo(200);
    String sameShapeWrongSecret = tenant.apiKey().substring(0, tenant.apiKey().length() - 1)
        + (tenant.apiKey().endsWith("A") ? "B" : "A");
    for (int i = 0; i < 2; i++) {
      assertThat(whoami(client, sameShapeWrongSecret)).isEqualTo(401);
    }
    assertThat(apiKeys.cached(sameShapeWrongSecret)).isFalse();
    assertThat(apiKeys.cached(tenant.apiKey())).isTrue();
  }

  @Test
  void aKeyRevokedWhileRequestsRaceIsNeverServedAfterTheRevocationReturns() throws Exception {
    var tenant = tenants.create();
    var client = RestClient.create("http://localhost:" + port);
    var key = apiKeys.list(tenant.id()).getFirst();
    var revoked = new java.util.concurrent.atomic.AtomicBoolean();
    var servedAfterRevocation = new java.util.concurrent.atomic.AtomicInteger();
    var start = new java.util.concurrent.CountDownLatch(1);
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
      var calls = new java.util.ArrayList<java.util.concurrent.Future<?>>();
      for (int t = 0; t < 8; t++) {
        calls.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < 40; i++) {
            boolean revokedBefore = revoked.get();
            int status = whoami(client, tenant.apiKey());
            if (revokedBefore && status == 200) {
              servedAfterRevocation.incrementAndGet();
            }
          }
          return null;
        }));
      }
      start.countDown();
      assertThat(apiKeys.revoke(tenant.id(), key.id())).isTrue();
      revoked.set(true);
      for (var call : calls) {
        call.get();
      }
    }
    assertThat(servedAfterRevocation.get()).isZero();
    assertThat(whoami(client, tenant.apiKey())).isEqualTo(401);
    assertThat(apiKeys.cached(tenant.apiKey())).isFalse();
  }

  private static int whoami(RestClient client, String secret) {
    return client.get().uri("/api/v1/whoami").header("Authorization", "Bearer " + secret)
        .exchange((req, res) -> res.getStatusCode().value());
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
