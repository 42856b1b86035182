package dev.flywheel.lottery;

/** What a draw request did. A refusal wrote nothing (no chance spent, no stock taken). */
public sealed interface DrawOutcome {

  /**
   * @param replayed the request id had drawn before: this is that draw, nothing new happened
   * @param chancesLeft the customer's available chances after the draw (now, for a replay)
   */
  record Drawn(Draw draw, boolean replayed, long chancesLeft) implements DrawOutcome {}

  /**
   * {@code code}: {@code not-found} (no such lottery), {@code lottery-not-live},
   * {@code lottery-not-started}, {@code lottery-ended}, {@code no-chances},
   * {@code request-id-reused} (another customer's request id).
   */
  record Refused(String code, String detail) implements DrawOutcome {}
}
