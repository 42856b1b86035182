package dev.flywheel.lottery;

import java.time.Instant;

/**
 * One stored draw.
 *
 * @param guaranteed the guarantee rule narrowed this draw to its tier
 * @param grantId the ledger grant of a points / cash / coupon prize, else null
 * @param fulfilment the fulfilment of a physical prize, else null
 */
public record Draw(long id, long lotteryId, String requestId, String customerId, Prize prize, boolean guaranteed,
    Long grantId, Fulfilment fulfilment, Instant at) {}
