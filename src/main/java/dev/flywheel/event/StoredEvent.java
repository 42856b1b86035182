package dev.flywheel.event;

import java.time.Instant;
import java.util.Map;

/** An event as stored: validated attributes as in {@link EventAccepted}. */
public record StoredEvent(
    long seq,
    String eventId,
    String customerId,
    String type,
    Instant occurredAt,
    Instant receivedAt,
    Map<String, Object> attributes,
    String channel,
    String campaign) {}
