package dev.flywheel.community;

import java.time.Instant;

/**
 * One message in a community's chat, either direction.
 *
 * @param inbound true for a member's message, false for a post Flywheel sent
 * @param externalId the chat's own id of an inbound message
 * @param customerId the member who wrote an inbound message, when known
 * @param receivedAt the server's receive time (inbound) or the time the post was made (outbound)
 * @param delivery outbound only: PENDING, SENT or FAILED
 */
public record ChatMessage(long id, long communityId, boolean inbound, String externalId, String customerId,
    String senderName, String body, PostKind kind, String reference, Instant receivedAt, String delivery,
    String failure) {}
