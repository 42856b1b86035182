package dev.flywheel.reach;

import java.time.Instant;
import java.util.Map;

/**
 * One message to every customer of an audience (a campaign send), planned set-based.
 *
 * @param segmentId the audience, or null for every customer of the tenant
 * @param dedupePrefix each customer's message has dedupe key {@code dedupePrefix + customerId}, so
 *     repeating the send plans nothing twice
 */
public record AudienceSend(
    long tenantId,
    Long segmentId,
    Channel channel,
    MessageCategory category,
    String templateKey,
    Map<String, Object> values,
    String source,
    String dedupePrefix,
    Instant notBefore,
    Instant expiresAt) {

  public AudienceSend {
    values = values == null ? Map.of() : Map.copyOf(values);
  }

  /**
   * What became of it: {@code planned} due at {@code plannedAt}, {@code deferred} by caps or the
   * minimum interval (with their reason), {@code skipped} (opted out, no address, stage policy,
   * already planned); {@code refused} non-null when nothing could be planned at all (e.g.
   * {@code unknown-template}).
   */
  public record Outcome(long planned, long deferred, long skipped, Instant plannedAt, String refused) {}
}
