package dev.flywheel.reach;

import java.time.Instant;

/**
 * Published in the transaction that moved a message to {@code status}. {@code reason} is a stable
 * code for DEFERRED, DROPPED, FAILED and REFUSED, else null.
 */
public record MessageStatusChanged(
    long tenantId,
    long messageId,
    String customerId,
    Channel channel,
    String source,
    String variant,
    MessageStatus status,
    String reason,
    Instant at) {}
