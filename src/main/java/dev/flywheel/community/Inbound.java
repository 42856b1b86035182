package dev.flywheel.community;

/**
 * A member's message as the chat reports it.
 *
 * @param externalId the chat's id of the message: a replayed message is stored and published once
 * @param customerId the finance app's customer id of the author, when the chat knows it
 */
public record Inbound(String externalId, String customerId, String senderName, String body) {}
