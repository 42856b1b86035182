package dev.flywheel.ledger;

/**
 * The coupons one campaign granted: issued and redeemed, as counts and as face value (fen).
 * Redeemed face value is what the coupons cost when a review values them.
 */
public record CouponUse(long issued, long issuedFaceValue, long redeemed, long redeemedFaceValue) {}
