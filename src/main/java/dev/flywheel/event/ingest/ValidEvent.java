package dev.flywheel.event.ingest;

import java.time.Instant;
import java.util.Map;

/** An event that passed every check; times are truncated to the store's microseconds. */
public record ValidEvent(
    String eventId,
    String customerId,
    String type,
    Instant occurredAt,
    Map<String, Object> attributes,
    String channel,
    String campaign) {}
