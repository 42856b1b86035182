package dev.flywheel.event;

import java.time.Instant;
import java.util.Map;

/**
 * Published synchronously, inside the ingestion transaction, once per newly accepted event (never
 * for a duplicate). Listeners that change state do so in the same transaction, so an event and
 * its consequences commit or roll back together.
 *
 * @param seq store-wide sequence number, increasing in acceptance order
 * @param attributes validated attributes as JSON-native Java values: {@code String},
 *     {@code Long} (integers), {@code java.math.BigDecimal} (decimals, money), {@code Boolean}
 * @param channel acquisition/attribution channel, or null
 * @param campaign attributed campaign, or null
 */
public record EventAccepted(
    long tenantId,
    long seq,
    String eventId,
    String customerId,
    String type,
    Instant occurredAt,
    Map<String, Object> attributes,
    String channel,
    String campaign) {}
