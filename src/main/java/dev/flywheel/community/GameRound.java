package dev.flywheel.community;

import java.time.Instant;
import java.util.List;

/**
 * One round of a game: a question with options A, B, C … Open from {@code openedAt} until it
 * closes (at {@code closesAt} or earlier by a manager); the winner is known only after the close.
 *
 * @param winnerCustomerId the earliest correct answer's member; null while open or when nobody was right
 * @param prizeNote why no prize was granted to a winner (e.g. {@code budget-exhausted}); null otherwise
 */
public record GameRound(long id, long gameId, int position, String prompt, List<String> options, int correct,
    Status status, Instant openedAt, Instant closesAt, Instant closedAt, String closedBy, String winnerCustomerId,
    Long winnerMessageId, Instant winnerAnsweredAt, Long grantId, String prizeNote) {

  public enum Status { PENDING, OPEN, CLOSED }

  public char correctLetter() {
    return (char) ('A' + correct);
  }

  public static char letter(int index) {
    return (char) ('A' + index);
  }
}
