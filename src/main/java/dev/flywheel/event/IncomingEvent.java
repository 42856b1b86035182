package dev.flywheel.event;

import java.time.Instant;
import java.util.Map;

/**
 * An event as a backend sends it, not yet validated. Any field may be null; validation reports
 * what is missing.
 *
 * @param eventId the client's idempotency key, unique per tenant, at most 128 characters
 * @param customerId matches {@code ^[A-Za-z0-9._:@-]{1,64}$}
 * @param type a built-in or tenant-defined event type name
 * @param occurredAt when it happened; at most {@code flywheel.events.max-future-skew} ahead of now
 * @param attributes JSON-native values: {@code String}, integral numbers, {@code BigDecimal},
 *     {@code Boolean} (null values count as absent)
 * @param channel optional attribution channel
 * @param campaign optional attributed campaign
 */
public record IncomingEvent(
    String eventId,
    String customerId,
    String type,
    Instant occurredAt,
    Map<String, Object> attributes,
    String channel,
    String campaign) {

  /** An event without attribution. */
  public static IncomingEvent of(String eventId, String customerId, String type, Instant occurredAt,
      Map<String, Object> attributes) {
    return new IncomingEvent(eventId, customerId, type, occurredAt, attributes, null, null);
  }
}
