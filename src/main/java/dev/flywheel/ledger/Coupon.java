package dev.flywheel.ledger;

import java.time.Instant;

/**
 * One coupon instance.
 *
 * @param status {@code ISSUED}, {@code REDEEMED}, {@code CLAWED_BACK}, or {@code EXPIRED} (an
 *     issued coupon past {@code validTo}, derived when read)
 * @param faceValue and {@code minSpend} in fen
 */
public record Coupon(String code, long templateId, String customerId, long faceValue, long minSpend,
    Instant validFrom, Instant validTo, String status, Instant redeemedAt) {}
