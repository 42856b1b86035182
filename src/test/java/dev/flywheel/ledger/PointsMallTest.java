package dev.flywheel.ledger;

import dev.flywheel.support.ApiClient;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.Race;
import dev.flywheel.support.TestTenants;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The points mall over HTTP and under races for the last item and the last points. */
@RunningFlywheel
class PointsMallTest {
  private static final AtomicLong CAMPAIGNS = new AtomicLong(7_000);
  @Autowired TestTenants tenants;
  @Autowired Ledger ledger;
  @Autowired PointsMall mall;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;

  @AfterEach
  void invariantsHold() {
    LedgerInvariants.assertHold(jdbc);
  }

  @Test
  void exchangeChecksStockAndPointsAndIsIdempotent() {
    TestTenants.TestTenant tenant = tenants.create();
    ApiClient api = new ApiClient(port, tenant.apiKey());
    givePoints(tenant.id(), "u-1", 500);
    var item = api.post("/api/v1/catalog/items", Map.of("name", "Umbrella", "point_price", 200, "stock", 2));
    assertThat(item.status()).isEqualTo(201);
    long itemId = ((Number) item.get("id")).longValue();
    assertThat(api.get("/api/v1/catalog/items").<List<Map<String, Object>>>get("items")).hasSize(1);

    var first = api.post("/api/v1/customers/u-1/exchanges", Map.of("item_id", itemId, "quantity", 1, "request_id", "x-1"));
    assertThat(first.status()).isEqualTo(201);
    assertThat(((Number) first.get("points")).longValue()).isEqualTo(200);
    var replay = api.post("/api/v1/customers/u-1/exchanges", Map.of("item_id", itemId, "quantity", 1, "request_id", "x-1"));
    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.<Boolean>get("replayed")).isTrue();
    assertThat(api.post("/api/v1/customers/u-1/exchanges", Map.of("item_id", itemId, "quantity", 2, "request_id", "x-1"))
        .code()).isEqualTo("request-id-reused");

    assertThat(api.post("/api/v1/customers/u-1/exchanges", Map.of("item_id", itemId, "quantity", 2, "request_id", "x-2"))
        .code()).as("one left").isEqualTo("out-of-stock");
    var poor = api.post("/api/v1/customers/u-2/exchanges", Map.of("item_id", itemId, "quantity", 1, "request_id", "x-3"));
    assertThat(poor.status()).isEqualTo(409);
    assertThat(poor.code()).isEqualTo("insufficient-points");
    assertThat(api.post("/api/v1/customers/u-1/exchanges", Map.of("item_id", 999_999_999, "quantity", 1, "request_id", "x-4"))
        .code()).isEqualTo("item-not-found");
    assertThat(new ApiClient(port, tenants.create().apiKey()).post("/api/v1/customers/u-1/exchanges",
        Map.of("item_id", itemId, "quantity", 1, "request_id", "x-5")).code())
        .as("another tenant's item").isEqualTo("item-not-found");

    assertThat(mall.items(tenant.id()).getFirst().stock()).as("refusals wrote nothing").isEqualTo(1);
    assertThat(ledger.wallet(tenant.id(), "u-1").balances().get(Asset.POINTS).available()).isEqualTo(300);
  }

  @Test
  void manyConcurrentExchangesNeverOversellTheLastItems() throws Exception {
    long tenant = tenants.create().id();
    CatalogItem item = mall.addItem(tenant, "Phone", 10, 5);
    for (int i = 0; i < 64; i++) {
      givePoints(tenant, "u-" + i, 10);
    }
    List<ExchangeOutcome> outcomes = Race.run(64, i -> mall.exchange(tenant, "u-" + i, item.id(), 1, "r-" + i, "app"));
    assertThat(outcomes).filteredOn(ExchangeOutcome.Exchanged.class::isInstance).hasSize(5);
    assertThat(outcomes).filteredOn(ExchangeOutcome.Refused.class::isInstance)
        .allMatch(o -> ((ExchangeOutcome.Refused) o).code().equals("out-of-stock"));
    assertThat(mall.items(tenant).getFirst().stock()).isZero();
  }

  @Test
  void manyConcurrentExchangesNeverDrivePointsNegative() throws Exception {
    long tenant = tenants.create().id();
    CatalogItem item = mall.addItem(tenant, "Sticker", 30, 1_000);
    givePoints(tenant, "u-1", 100);
    List<ExchangeOutcome> outcomes = Race.run(64, i -> mall.exchange(tenant, "u-1", item.id(), 1, "r-" + i, "app"));
    assertThat(outcomes).filteredOn(ExchangeOutcome.Exchanged.class::isInstance).hasSize(3);
    assertThat(ledger.wallet(tenant, "u-1").balances().get(Asset.POINTS).available()).isEqualTo(10);
    assertThat(mall.items(tenant).getFirst().stock()).isEqualTo(997);
  }

  private void givePoints(long tenant, String customer, long points) {
    long campaign = CAMPAIGNS.incrementAndGet();
    ledger.fund(tenant, campaign, Asset.POINTS, points, "ops");
    assertThat(ledger.grant(GrantRequest.of(tenant, campaign, "r", "ev-" + campaign, customer, Asset.POINTS, points)))
        .isInstanceOf(GrantOutcome.Granted.class);
  }
}
