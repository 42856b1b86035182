package dev.flywheel.ledger;

import dev.flywheel.ledger.coupon.CouponStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Coupon templates (what campaigns grant) and redemption at checkout. */
@Service
public class Coupons {
  private final CouponStore store;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  Coupons(CouponStore store, Clock clock, ApplicationEventPublisher events) {
    this.store = store;
    this.clock = clock;
    this.events = events;
  }

  /** @throws IllegalArgumentException for a template no coupon could ever be valid under */
  @Transactional
  public CouponTemplate define(long tenantId, String name, long faceValue, long minSpend, Instant validFrom,
      Instant validTo, Integer validDays) {
    if (faceValue <= 0 || minSpend < 0 || (validTo == null && validDays == null)
        || (validDays != null && validDays <= 0)
        || (validFrom != null && validTo != null && !validFrom.isBefore(validTo))) {
      throw new IllegalArgumentException("invalid coupon template");
    }
    return store.define(tenantId, name, faceValue, minSpend, validFrom, validTo, validDays, clock.instant());
  }

  @Transactional(readOnly = true)
  public Optional<CouponTemplate> template(long tenantId, long id) {
    return store.template(tenantId, id);
  }

  @Transactional(readOnly = true)
  public List<CouponTemplate> templates(long tenantId) {
    return store.templates(tenantId);
  }

  /** Coupons one campaign issued and how many of them were redeemed (for its review's ROI). */
  @Transactional(readOnly = true)
  public CouponUse usage(long tenantId, long campaignId) {
    return store.usage(tenantId, campaignId);
  }

  /**
   * Redeems a coupon for an order (publishing {@link CouponRedeemed}); idempotent by {@code requestId} (a replay answers
   * {@code Redeemed} with {@code replayed = true}). Another tenant's or another customer's coupon
   * is {@code coupon-not-found}, so codes cannot be probed.
   *
   * @param orderAmount the order total in fen, checked against the minimum spend; null skips the check
   */
  @Transactional
  public RedeemOutcome redeem(long tenantId, String code, String customerId, String requestId, Long orderAmount,
      String actor) {
    Instant now = clock.instant();
    Optional<Coupon> done = store.redeem(tenantId, code, customerId, requestId, orderAmount, actor, now);
    if (done.isPresent()) {
      Coupon c = done.get();
      events.publishEvent(new CouponRedeemed(tenantId, customerId, c.code(), c.templateId(), c.faceValue(), now));
      return new RedeemOutcome.Redeemed(c, false);
    }
    Optional<CouponStore.Stored> found = store.find(tenantId, code, now)
        .filter(s -> s.coupon().customerId().equals(customerId));
    if (found.isEmpty()) {
      return new RedeemOutcome.Refused("coupon-not-found", "No coupon " + code + " for this customer");
    }
    Coupon coupon = found.get().coupon();
    return switch (coupon.status()) {
      case "REDEEMED" -> requestId.equals(found.get().redeemRequestId())
          ? new RedeemOutcome.Redeemed(coupon, true)
          : new RedeemOutcome.Refused("coupon-used", "Coupon " + code + " was already used");
      case "EXPIRED" -> new RedeemOutcome.Refused("coupon-expired", "Coupon " + code + " expired at " + coupon.validTo());
      case "CLAWED_BACK" -> new RedeemOutcome.Refused("coupon-revoked", "Coupon " + code + " was revoked");
      default -> coupon.validFrom().isAfter(now)
          ? new RedeemOutcome.Refused("coupon-not-yet-valid", "Coupon " + code + " is valid from " + coupon.validFrom())
          : new RedeemOutcome.Refused("coupon-min-spend-not-met",
              "Coupon " + code + " needs an order of at least " + coupon.minSpend() + " fen");
    };
  }
}
