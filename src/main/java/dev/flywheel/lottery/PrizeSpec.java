package dev.flywheel.lottery;

/**
 * A prize as an operator defines it.
 *
 * @param weight relative chance among the prizes that can still be drawn; 0 = never by chance
 * @param stock units available; null only for THANK_YOU
 * @param perCustomerLimit how many of this prize one customer may win; null = no limit
 * @param amount what the ledger grants per win: points, CNY fen, or a number of coupons; 0 for
 *     PHYSICAL and THANK_YOU
 * @param couponTemplateId the ledger coupon template, for COUPON only
 * @param value cost of one win in CNY fen (budget accounting, expected cost per draw)
 * @param tier prize level, higher is better; THANK_YOU is 0
 */
public record PrizeSpec(String name, PrizeKind kind, int weight, Integer stock, Integer perCustomerLimit,
    long amount, Long couponTemplateId, long value, int tier) {}
