package dev.flywheel.ledger;

import java.time.Instant;
import java.util.List;

/**
 * A stored grant: immutable once written.
 *
 * @param availableAt null when granted as available; else the end of its lock-up
 * @param couponCodes the coupons issued by a {@link Asset#COUPON} grant, empty otherwise
 */
public record Grant(
    long id,
    long campaignId,
    String ruleId,
    String sourceEventId,
    String customerId,
    Asset asset,
    long amount,
    Instant availableAt,
    List<String> couponCodes,
    Instant grantedAt) {}
