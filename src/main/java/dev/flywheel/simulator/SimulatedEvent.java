package dev.flywheel.simulator;

import java.time.Instant;
import java.util.Map;

/** One generated behaviour event, in the shape the ingestion API takes ({@code campaign}: its attribution or null). */
public record SimulatedEvent(String eventId, String customerId, String type, Instant occurredAt,
    Map<String, Object> attributes, String channel, String campaign) {}
