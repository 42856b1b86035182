package dev.flywheel.ledger;

import java.time.Instant;

/**
 * Published in the transaction that redeemed a coupon at checkout (once: a replayed request
 * publishes nothing).
 */
public record CouponRedeemed(long tenantId, String customerId, String code, long templateId, long faceValue,
    Instant at) {}
