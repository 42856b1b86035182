package dev.flywheel.community;

import java.time.Instant;
import java.util.List;

/**
 * A game as its control panel shows it: the game, every round's figures, participation and the
 * product post's clicks.
 *
 * @param members members of the community at some time while the game ran (joined before it ended
 *     and not left before it started); before the first round: the current members
 * @param participants distinct members who answered at least once (late answers excluded)
 */
public record GameState(Game game, List<RoundFigures> rounds, int members, int participants, long productClicks) {

  /**
   * @param answers counted answers (one per member)
   * @param correct counted correct answers
   * @param late answers that arrived after the close (recorded, not counted)
   */
  public record RoundFigures(GameRound round, int answers, int correct, int late, List<Answer> latest) {}

  /** A counted or late answer, newest first in {@link RoundFigures#latest}. */
  public record Answer(long messageId, String customerId, String senderName, char letter, boolean correct,
      Instant answeredAt, boolean late) {}

  /** participants / members in percent, 0 without members. */
  public double participationPercent() {
    return members == 0 ? 0 : 100.0 * participants / members;
  }
}
