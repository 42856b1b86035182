package dev.flywheel.lottery;

import java.time.Instant;

/** The fulfilment task of one won physical prize (employees work the list). */
public record Fulfilment(long id, long lotteryId, long drawId, String customerId, long prizeId, String prizeName,
    FulfilmentStatus status, String recipient, String phone, String address, String trackingNo, String updatedBy,
    Instant createdAt, Instant updatedAt) {}
