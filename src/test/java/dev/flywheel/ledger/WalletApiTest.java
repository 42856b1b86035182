package dev.flywheel.ledger;

import dev.flywheel.support.ApiClient;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.customer.Customers;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The wallet over HTTP, and strict tenant isolation. */
@RunningFlywheel
class WalletApiTest {
  @Autowired TestTenants tenants;
  @Autowired Ledger ledger;
  @Autowired Customers customers;
  @LocalServerPort int port;

  @Test
  void walletShowsBalancesAndHistoryAndIsInvisibleToOtherTenants() {
    TestTenants.TestTenant a = tenants.create();
    TestTenants.TestTenant b = tenants.create();
    ledger.fund(b.id(), 8_001, Asset.POINTS, 100, "ops");
    ledger.grant(GrantRequest.of(b.id(), 8_001, "r", "ev-1", "b-only", Asset.POINTS, 40));
    ledger.grant(GrantRequest.of(b.id(), 8_001, "r", "ev-2", "b-only", Asset.POINTS, 7)
        .pendingUntil(java.time.Instant.now().plusSeconds(86_400 * 30)));

    var own = new ApiClient(port, b.apiKey()).get("/api/v1/customers/b-only/wallet");
    assertThat(own.status()).isEqualTo(200);
    assertThat(own.<Map<String, Object>>get("balances.POINTS"))
        .containsEntry("available", 40).containsEntry("pending", 7).containsEntry("debt", 0);
    assertThat(own.<List<Map<String, Object>>>get("history")).extracting(m -> m.get("kind"))
        .containsExactly("GRANT", "GRANT");

    var foreign = new ApiClient(port, a.apiKey()).get("/api/v1/customers/b-only/wallet");
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(foreign.code()).isEqualTo("not-found");
    assertThat(foreign.raw()).doesNotContain("balances");

    customers.saveProfile(a.id(), "a-new", Map.of());
    var empty = new ApiClient(port, a.apiKey()).get("/api/v1/customers/a-new/wallet");
    assertThat(empty.status()).as("a known customer with nothing yet").isEqualTo(200);
    assertThat(empty.<Map<String, Object>>get("balances")).isEmpty();
    assertThat(new ApiClient(port, "not-a-key").get("/api/v1/customers/b-only/wallet").status()).isEqualTo(401);
  }
}
