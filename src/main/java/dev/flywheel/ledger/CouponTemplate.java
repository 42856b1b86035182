package dev.flywheel.ledger;

import java.time.Instant;

/**
 * How coupons of one kind look. A coupon is valid from {@code max(validFrom, issue time)} until
 * the earlier of {@code validTo} and issue time + {@code validDays}; at least one of those two is set.
 *
 * @param faceValue and {@code minSpend} in fen
 */
public record CouponTemplate(long id, String name, long faceValue, long minSpend, Instant validFrom,
    Instant validTo, Integer validDays) {}
