package dev.flywheel.analytics.recall;

import dev.flywheel.event.EventIngestion;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.event.IngestionResult;
import dev.flywheel.ledger.CouponRedeemed;
import java.math.BigDecimal;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The recall funnel's "coupon used" step from the ledger: a coupon redeemed at checkout is
 * ingested as a {@code coupon_redeemed} event (event id {@code ledger-coupon-<code>}: a coupon is
 * redeemed once), in the redeeming transaction. Off with
 * {@code flywheel.analytics.coupon-redemptions=false}.
 */
@Component
class CouponRedemptions {
  private static final Logger log = LoggerFactory.getLogger(CouponRedemptions.class);
  private final EventIngestion ingestion;
  private final boolean enabled;

  CouponRedemptions(EventIngestion ingestion, @Value("${flywheel.analytics.coupon-redemptions:true}") boolean enabled) {
    this.ingestion = ingestion;
    this.enabled = enabled;
  }

  @EventListener
  void on(CouponRedeemed redeemed) {
    if (!enabled) {
      return;
    }
    IngestionResult result = ingestion.ingest(redeemed.tenantId(), IncomingEvent.of("ledger-coupon-" + redeemed.code(),
        redeemed.customerId(), "coupon_redeemed", redeemed.at(), Map.of("coupon_code", redeemed.code(),
            "coupon_template", Long.toString(redeemed.templateId()),
            "amount", BigDecimal.valueOf(redeemed.faceValue()).movePointLeft(2))));
    if (result instanceof IngestionResult.Rejected r) {
      log.warn("coupon {} redemption not recorded for analytics: {} {}", redeemed.code(), r.code(), r.errors());
    }
  }
}
