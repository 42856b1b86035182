package dev.flywheel.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.ledger.Asset;
import dev.flywheel.ledger.CouponTemplate;
import dev.flywheel.ledger.Coupons;
import dev.flywheel.ledger.GrantOutcome;
import dev.flywheel.ledger.GrantRequest;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.ledger.RedeemOutcome;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A coupon redeemed at checkout becomes the recall funnel's "coupon used" step: one coupon_redeemed event. */
@RunningFlywheel
class CouponRedemptionEventTest {
  private static final AtomicLong CAMPAIGNS = new AtomicLong(7_400);
  @Autowired TestTenants tenants;
  @Autowired Ledger ledger;
  @Autowired Coupons coupons;
  @Autowired JdbcClient jdbc;

  @Test
  void aRedeemedCouponIsIngestedOnceEvenWhenTheCheckoutIsReplayed() {
    long tenant = tenants.create().id();
    long campaign = CAMPAIGNS.incrementAndGet();
    CouponTemplate template = coupons.define(tenant, "recall 8 yuan", 800, 0, null, null, 10);
    ledger.fund(tenant, campaign, Asset.COUPON, 10, "ops");
    var granted = (GrantOutcome.Granted) ledger.grant(GrantRequest.coupons(tenant, campaign, "recall", "ev-" + campaign,
        "u-7", template.id(), 1));
    String code = granted.grant().couponCodes().getFirst();

    assertThat(coupons.redeem(tenant, code, "u-7", "order-1", 5_000L, "app")).isInstanceOf(RedeemOutcome.Redeemed.class);
    assertThat(coupons.redeem(tenant, code, "u-7", "order-1", 5_000L, "app")) // a replay
        .isEqualTo(new RedeemOutcome.Redeemed(((RedeemOutcome.Redeemed) coupons.redeem(tenant, code, "u-7", "order-1",
            5_000L, "app")).coupon(), true));

    List<String> events = jdbc.sql("select event_id || ' ' || customer_id || ' ' || (attributes->>'amount')"
            + " || ' ' || (attributes->>'coupon_template') from events where tenant_id = :t and type = 'coupon_redeemed'")
        .param("t", tenant).query(String.class).list();
    assertThat(events).containsExactly("ledger-coupon-" + code + " u-7 8.00 " + template.id());
  }
}
