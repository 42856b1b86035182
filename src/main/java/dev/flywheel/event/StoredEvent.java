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
    String campaign) {

  /** The event as it was published when accepted, for consumers that replay stored events. */
  public EventAccepted asAccepted(long tenantId) {
    return new EventAccepted(tenantId, seq, eventId, customerId, type, occurredAt, attributes, channel, campaign);
  }
}
