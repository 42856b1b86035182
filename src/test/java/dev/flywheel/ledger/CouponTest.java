package dev.flywheel.ledger;

import dev.flywheel.support.ApiClient;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.Race;
import dev.flywheel.support.TestTenants;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Coupons granted by a campaign and redeemed over HTTP: idempotency and every refusal code. */
@RunningFlywheel
class CouponTest {
  private static final AtomicLong CAMPAIGNS = new AtomicLong(6_000);
  @Autowired TestTenants tenants;
  @Autowired Ledger ledger;
  @Autowired Coupons coupons;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;

  @AfterEach
  void invariantsHold() {
    LedgerInvariants.assertHold(jdbc);
  }

  @Test
  void redeemIsIdempotentByRequestIdAndRefusesWithClearCodes() {
    TestTenants.TestTenant tenant = tenants.create();
    TestTenants.TestTenant other = tenants.create();
    ApiClient api = new ApiClient(port, tenant.apiKey());
    List<String> codes = grantCoupons(tenant.id(), "u-1", 3, 10);

    var redeemed = api.post("/api/v1/coupons/" + codes.get(0) + "/redeem",
        Map.of("request_id", "order-1", "customer_id", "u-1", "order_amount", 5_000));
    assertThat(redeemed.status()).isEqualTo(200);
    assertThat(redeemed.<String>get("coupon.status")).isEqualTo("REDEEMED");
    assertThat(redeemed.<Boolean>get("replayed")).isFalse();
    var replay = api.post("/api/v1/coupons/" + codes.get(0) + "/redeem",
        Map.of("request_id", "order-1", "customer_id", "u-1", "order_amount", 5_000));
    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.<Boolean>get("replayed")).isTrue();

    assertThat(api.post("/api/v1/coupons/" + codes.get(0) + "/redeem",
        Map.of("request_id", "order-2", "customer_id", "u-1")).code()).isEqualTo("coupon-used");
    var foreignCustomer = api.post("/api/v1/coupons/" + codes.get(1) + "/redeem",
        Map.of("request_id", "order-3", "customer_id", "u-2"));
    assertThat(foreignCustomer.status()).isEqualTo(404);
    assertThat(foreignCustomer.code()).isEqualTo("coupon-not-found");
    assertThat(new ApiClient(port, other.apiKey()).post("/api/v1/coupons/" + codes.get(1) + "/redeem",
        Map.of("request_id", "order-4", "customer_id", "u-1")).code()).as("another tenant's").isEqualTo("coupon-not-found");
    assertThat(api.post("/api/v1/coupons/NOSUCHCODE/redeem", Map.of("request_id", "order-5", "customer_id", "u-1"))
        .code()).isEqualTo("coupon-not-found");
    var small = api.post("/api/v1/coupons/" + codes.get(1) + "/redeem",
        Map.of("request_id", "order-6", "customer_id", "u-1", "order_amount", 100));
    assertThat(small.status()).isEqualTo(422);
    assertThat(small.code()).isEqualTo("coupon-min-spend-not-met");
    assertThat(api.post("/api/v1/coupons/" + codes.get(1) + "/redeem", Map.of("customer_id", "u-1")).code())
        .isEqualTo("invalid-request");

    clock.advance(Duration.ofDays(11));
    var expired = api.post("/api/v1/coupons/" + codes.get(1) + "/redeem",
        Map.of("request_id", "order-7", "customer_id", "u-1"));
    assertThat(expired.status()).isEqualTo(409);
    assertThat(expired.code()).isEqualTo("coupon-expired");

    assertThat(ledger.wallet(tenant.id(), "u-1").balances().get(Asset.COUPON).available()).isEqualTo(2);
    ledger.upkeep();
    assertThat(ledger.wallet(tenant.id(), "u-1").balances().get(Asset.COUPON).available())
        .as("expired coupons leave the wallet by posting").isZero();
    assertThat(api.get("/api/v1/customers/u-1/wallet").<List<Map<String, Object>>>get("coupons"))
        .extracting(c -> c.get("status")).containsExactlyInAnyOrder("REDEEMED", "EXPIRED", "EXPIRED");
  }

  @Test
  void concurrentCheckoutsUseACouponOnce() throws Exception {
    TestTenants.TestTenant tenant = tenants.create();
    String code = grantCoupons(tenant.id(), "u-1", 1, 30).getFirst();
    List<RedeemOutcome> outcomes = Race.run(16,
        i -> coupons.redeem(tenant.id(), code, "u-1", "order-" + i, null, "app"));
    assertThat(outcomes).filteredOn(RedeemOutcome.Redeemed.class::isInstance).hasSize(1);
    assertThat(outcomes).filteredOn(RedeemOutcome.Refused.class::isInstance)
        .allMatch(o -> ((RedeemOutcome.Refused) o).code().equals("coupon-used"));
  }

  private List<String> grantCoupons(long tenant, String customer, int count, int validDays) {
    long campaign = CAMPAIGNS.incrementAndGet();
    CouponTemplate template = coupons.define(tenant, "10 yuan off 50", 1_000, 5_000, null, null, validDays);
    ledger.fund(tenant, campaign, Asset.COUPON, 100, "ops");
    GrantOutcome outcome = ledger.grant(GrantRequest.coupons(tenant, campaign, "welcome", "ev-" + campaign,
        customer, template.id(), count));
    return ((GrantOutcome.Granted) outcome).grant().couponCodes();
  }
}
