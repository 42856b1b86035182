package dev.flywheel.community;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A group game prepared in a community: a copy of its {@link GameSpec} (rounds included), so a
 * later edit of the library activity it came from never changes it.
 *
 * @param status READY (no round opened yet), RUNNING, ENDED (every round closed)
 * @param source where the spec came from, e.g. {@code library:12@3} or {@code console}
 * @param productMessageId the product post sent after the last round; null before
 */
public record Game(long id, long tenantId, long communityId, GameForm form, String title, String rules,
    Duration revealDelay, GamePrize prize, String productPost, String source, String status,
    Instant startedAt, Instant endedAt, Long productMessageId, String createdBy, Instant createdAt,
    List<GameRound> rounds) {

  /** The round that is open now, if any. */
  public java.util.Optional<GameRound> openRound() {
    return rounds.stream().filter(r -> r.status() == GameRound.Status.OPEN).findFirst();
  }

  /** The next round to open, if any. */
  public java.util.Optional<GameRound> nextRound() {
    return rounds.stream().filter(r -> r.status() == GameRound.Status.PENDING).findFirst();
  }
}
