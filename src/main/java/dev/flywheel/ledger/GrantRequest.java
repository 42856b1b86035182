package dev.flywheel.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * One reward for one customer, from one campaign rule, because of one source event. The triple
 * {@code (campaignId, ruleId, sourceEventId)} is the exactly-once key within a tenant.
 *
 * @param amount in the asset's unit (points, fen, number of coupons or chances); positive
 * @param availableAt null for an immediately available reward; otherwise the reward is pending
 *     (locked up) until this instant, e.g. a deposit's maturity
 * @param couponTemplateId required for {@link Asset#COUPON}, null otherwise
 */
public record GrantRequest(
    long tenantId,
    long campaignId,
    String ruleId,
    String sourceEventId,
    String customerId,
    Asset asset,
    long amount,
    Instant availableAt,
    Long couponTemplateId) {

  public static final int MAX_COUPONS_PER_GRANT = 100;

  public GrantRequest {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(sourceEventId, "sourceEventId");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(asset, "asset");
    if (amount <= 0) {
      throw new IllegalArgumentException("amount must be positive");
    }
    if ((asset == Asset.COUPON) != (couponTemplateId != null)) {
      throw new IllegalArgumentException("a coupon template is required for COUPON grants and only for them");
    }
    if (asset == Asset.COUPON && (amount > MAX_COUPONS_PER_GRANT || availableAt != null)) {
      throw new IllegalArgumentException("coupon grants are immediate and at most " + MAX_COUPONS_PER_GRANT);
    }
  }

  /** An immediately available reward of a countable or money asset. */
  public static GrantRequest of(long tenantId, long campaignId, String ruleId, String sourceEventId,
      String customerId, Asset asset, long amount) {
    return new GrantRequest(tenantId, campaignId, ruleId, sourceEventId, customerId, asset, amount, null, null);
  }

  /** The same reward, pending until {@code availableAt}. */
  public GrantRequest pendingUntil(Instant until) {
    return new GrantRequest(tenantId, campaignId, ruleId, sourceEventId, customerId, asset, amount, until,
        couponTemplateId);
  }

  /** {@code count} coupons of a template. */
  public static GrantRequest coupons(long tenantId, long campaignId, String ruleId, String sourceEventId,
      String customerId, long templateId, int count) {
    return new GrantRequest(tenantId, campaignId, ruleId, sourceEventId, customerId, Asset.COUPON, count, null,
        templateId);
  }

  public boolean pending() {
    return availableAt != null;
  }
}
