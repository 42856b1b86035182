package dev.flywheel.reach;

import java.util.List;
import java.util.Optional;

/** The reach module's API for other modules (journeys, campaigns, lottery, community …). */
public interface Reach {

  /**
   * Plans one message. Joins the caller's transaction when there is one: the message exists if and
   * only if the caller commits. Idempotent by {@code (tenant, dedupeKey)}.
   */
  SendOutcome send(SendRequest request);

  /**
   * Plans one message to every customer of an audience, set-based (a campaign send to a million
   * customers): consent, stage policy and address filter the audience, quiet hours move the send
   * time, customers already at a cap are deferred. Dispatch enforces every rule again. Writes
   * history rows for deferred messages only and publishes no per-message event. Idempotent per customer by
   * {@code dedupePrefix + customerId}.
   */
  AudienceSend.Outcome sendToAudience(AudienceSend send);

  /** Where one message is now. */
  Optional<MessageStatus> status(long tenantId, long messageId);

  /**
   * Message counts grouped by source and variant, for every source starting with
   * {@code sourcePrefix} (e.g. {@code journey/12/}).
   */
  List<MessageFigures> figures(long tenantId, String sourcePrefix);

  /**
   * As {@link #figures}, split by the ISO week (in {@code zone}) each message was planned in:
   * what weekly reach reviews read.
   */
  List<WeeklyMessageFigures> weeklyFigures(long tenantId, String sourcePrefix, java.time.ZoneId zone);
}
