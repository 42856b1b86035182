package dev.flywheel.ledger.web;

import dev.flywheel.ledger.Coupons;
import dev.flywheel.ledger.RedeemOutcome;
import dev.flywheel.platform.tenancy.CurrentTenant;
import dev.flywheel.platform.web.Problem;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Coupon redemption at checkout: {@code {"request_id", "customer_id", "order_amount"?}}. */
@RestController
class CouponController {
  private final CurrentTenant tenant;
  private final Coupons coupons;

  CouponController(CurrentTenant tenant, Coupons coupons) {
    this.tenant = tenant;
    this.coupons = coupons;
  }

  @PostMapping("/api/v1/coupons/{code}/redeem")
  Map<String, Object> redeem(@PathVariable String code, @RequestBody(required = false) Map<String, Object> body) {
    String requestId = Bodies.requestId(body);
    String customerId = Bodies.text(body, "customer_id", 64);
    Long orderAmount = Bodies.optionalNumber(body, "order_amount", 0, Long.MAX_VALUE);
    RedeemOutcome outcome = coupons.redeem(tenant.id(), code, customerId, requestId, orderAmount, tenant.actor());
    return switch (outcome) {
      case RedeemOutcome.Redeemed r -> Map.of("coupon", WalletController.coupon(r.coupon()), "replayed", r.replayed());
      case RedeemOutcome.Refused r -> throw new Problem(status(r.code()), r.code(), r.detail(), List.of());
    };
  }

  private static HttpStatus status(String code) {
    return switch (code) {
      case "coupon-not-found" -> HttpStatus.NOT_FOUND;
      case "coupon-min-spend-not-met" -> HttpStatus.UNPROCESSABLE_CONTENT;
      default -> HttpStatus.CONFLICT;
    };
  }
}
