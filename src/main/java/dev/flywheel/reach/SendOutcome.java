package dev.flywheel.reach;

import java.time.Instant;

/** What became of a {@link SendRequest}. A business "no" is a {@link Refused}, not an exception. */
public sealed interface SendOutcome {

  /**
   * Accepted: the message will be sent at {@code plannedAt} or later (quiet hours, caps and best
   * contact time may move it).
   *
   * @param replay true when the dedupe key had been used before and this is that message
   */
  record Queued(long messageId, Instant plannedAt, String variant, boolean replay)
      implements SendOutcome {}

  /**
   * Not accepted, nothing will be sent. {@code reason} is a stable code, e.g. {@code opted-out},
   * {@code channel-not-allowed-for-stage}, {@code unknown-template}, {@code no-address},
   * {@code expired}.
   */
  record Refused(String reason, String detail) implements SendOutcome {}
}
