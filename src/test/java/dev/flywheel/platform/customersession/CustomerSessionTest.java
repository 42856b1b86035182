package dev.flywheel.platform.customersession;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Customer session tokens: issued over the API, expiring by the clock, refused when forged; rate limits. */
@RunningFlywheel
class CustomerSessionTest {
  @Autowired TestTenants tenants;
  @Autowired CustomerSessions sessions;
  @Autowired MovableClock clock;
  @LocalServerPort int port;

  @Test
  void theAppBackendIssuesATokenThatExpires() {
    TestTenants.TestTenant tenant = tenants.create();
    ApiClient api = new ApiClient(port, tenant.apiKey());
    var issued = api.post("/api/v1/customer-sessions", Map.of("customer_id", "c-42", "ttl_seconds", 600));
    assertThat(issued.status()).isEqualTo(201);
    String token = issued.get("token");
    assertThat(Instant.parse(issued.get("expires_at"))).isAfter(clock.instant());
    assertThat(sessions.verify(token)).isEqualTo(new SessionCheck.Valid(new CustomerPrincipal(tenant.id(), "c-42"),
        Instant.parse(issued.get("expires_at"))));

    clock.advance(Duration.ofSeconds(601));
    assertThat(sessions.verify(token)).isInstanceOf(SessionCheck.Expired.class);
    var expired = new ApiClient(port, token).get("/api/v1/customer/lotteries/1");
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.code()).isEqualTo("session-expired");
  }

  @Test
  void issuingChecksItsInputAndNeedsAnApiKey() {
    ApiClient api = new ApiClient(port, tenants.create().apiKey());
    var missing = api.post("/api/v1/customer-sessions", Map.of());
    assertThat(missing.status()).isEqualTo(422);
    assertThat(missing.<java.util.List<Map<String, Object>>>get("errors").getFirst()).containsEntry("field", "customer_id");
    assertThat(api.post("/api/v1/customer-sessions", Map.of("customer_id", "c", "ttl_seconds", 999_999_999))
        .status()).isEqualTo(422);
    assertThat(new ApiClient(port, "not-a-key").post("/api/v1/customer-sessions", Map.of("customer_id", "c"))
        .status()).isEqualTo(401);
  }

  @Test
  void forgedAlteredOrOtherTenantsTokensAreInvalid() {
    TestTenants.TestTenant tenant = tenants.create();
    String token = sessions.issue(tenant.id(), "c-1", null).token();
    String[] parts = token.split("\\.");
    String otherCustomer = String.join(".", parts[0], parts[1], parts[2],
        java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("c-2".getBytes()), parts[4]);
    String otherTenant = String.join(".", parts[0], Long.toString(tenant.id() + 1), parts[2], parts[3], parts[4]);
    String longer = String.join(".", parts[0], parts[1], Long.toString(Long.parseLong(parts[2]) + 86_400), parts[3],
        parts[4]);
    for (String forged : new String[] {otherCustomer, otherTenant, longer, "v1.x.y.z.w", "garbage", token + "x"}) {
      assertThat(sessions.verify(forged)).as(forged).isInstanceOf(SessionCheck.Invalid.class);
      var refused = new ApiClient(port, forged).get("/api/v1/customer/lotteries/1");
      assertThat(refused.status()).isEqualTo(401);
      assertThat(refused.code()).isEqualTo("invalid-session");
    }
    var none = new ApiClient(port, "").get("/api/v1/customer/lotteries/1");
    assertThat(none.status()).isEqualTo(401);
    assertThat(new ApiClient(port, tenant.apiKey()).get("/api/v1/customer/lotteries/1").code())
        .as("an API key is no customer session").isEqualTo("invalid-session");
  }

  @Test
  void aCustomerBeyondTheirBucketGets429WithRetryAfterUntilItRefills() {
    TestTenants.TestTenant tenant = tenants.create();
    String token = sessions.issue(tenant.id(), "busy", null).token();
    ApiClient customer = new ApiClient(port, token);
    int passed = 0;
    ApiClient.Response last = null;
    for (int i = 0; i < 40; i++) {
      last = customer.get("/api/v1/customer/lotteries/999999999");
      if (last.status() == 429) {
        break;
      }
      assertThat(last.status()).isEqualTo(404);
      passed++;
    }
    assertThat(passed).as("the per-customer burst").isEqualTo(30);
    assertThat(last.status()).isEqualTo(429);
    assertThat(last.code()).isEqualTo("rate-limited");
    var raw = org.springframework.web.client.RestClient.create("http://localhost:" + port).get()
        .uri("/api/v1/customer/lotteries/999999999").header("Authorization", "Bearer " + token)
        .exchange((req, res) -> res.getHeaders().getFirst("Retry-After") + "/" + res.getStatusCode().value());
    assertThat(raw).isEqualTo("1/429");
    String other = sessions.issue(tenant.id(), "calm", null).token();
    assertThat(new ApiClient(port, other).get("/api/v1/customer/lotteries/999999999").status())
        .as("another customer has their own bucket").isEqualTo(404);
    clock.advance(Duration.ofSeconds(1));
    assertThat(customer.get("/api/v1/customer/lotteries/999999999").status()).isEqualTo(404);
  }

  @Test
  void bucketsRefillByTheClock() {
    MovableClock own = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    TokenBuckets perIp = new TokenBuckets(new CustomerSessionProperties.Bucket(3, 0.5), own);
    assertThat(perIp.take("ip:1")).isZero();
    assertThat(perIp.take("ip:1")).isZero();
    assertThat(perIp.take("ip:1")).isZero();
    assertThat(perIp.take("ip:1")).as("empty: one token back in 2 s").isEqualTo(2);
    assertThat(perIp.take("ip:2")).as("another key").isZero();
    own.advance(Duration.ofSeconds(2));
    assertThat(perIp.take("ip:1")).isZero();
    assertThat(perIp.take("ip:1")).isEqualTo(2);
    own.advance(Duration.ofHours(1));
    for (int i = 0; i < 3; i++) {
      assertThat(perIp.take("ip:1")).as("refills up to the capacity only").isZero();
    }
    assertThat(perIp.take("ip:1")).isPositive();
  }
}
