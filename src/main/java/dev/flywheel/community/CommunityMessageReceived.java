package dev.flywheel.community;

import java.time.Instant;

/**
 * A member's message reached Flywheel for the first time. Published inside the transaction that
 * stores it, so a synchronous listener's writes (e.g. a game answer) commit with the message or
 * not at all; a replayed message is never published again.
 */
public record CommunityMessageReceived(long tenantId, long communityId, long messageId, String customerId,
    String senderName, String body, Instant receivedAt) {}
