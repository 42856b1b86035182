package dev.flywheel.community.game;

import dev.flywheel.community.CommunityMessageReceived;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Turns members' chat messages into answers, inside the transaction that stores the message (a
 * synchronous listener: the answer commits with its message or not at all, and a replayed message
 * is never published again, so it counts once).
 *
 * <p>While a round is open, a message that {@link AnswerParser parses} as one of its options is
 * the member's answer, stamped with the message's server receive time; a member's FIRST answer in
 * a round is the one that counts, later ones are dropped. The open round's row is read {@code FOR
 * SHARE}, so a close waits for an answer being stored and an answer waits for a close: an answer
 * is either in the round before it closes or late. A message received at or after the round's
 * {@code closes_at} is late even if the close task has not run yet. When no round is open, an
 * answer to the community's round that closed in the last hour is recorded as late (never counted).
 * Messages from senders who are not known customers are ignored: there is no wallet to pay.
 */
@Component
class Answers {
  static final Duration LATE_WINDOW = Duration.ofHours(1);
  private final JdbcClient jdbc;

  Answers(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  private record Target(long roundId, int options, int correct, Instant closesAt, boolean open) {}

  @EventListener
  void on(CommunityMessageReceived message) {
    if (message.customerId() == null) {
      return;
    }
    Optional<Target> target = open(message.communityId()).or(() -> recentlyClosed(message.communityId(),
        message.receivedAt()));
    if (target.isEmpty()) {
      return;
    }
    Target round = target.get();
    OptionalInt choice = AnswerParser.parse(message.body(), round.options());
    if (choice.isEmpty()) {
      return;
    }
    boolean late = !round.open() || !message.receivedAt().isBefore(round.closesAt());
    jdbc.sql("""
            insert into community_game_answers (round_id, message_id, customer_id, sender_name, choice, correct,
              answered_at, late)
            values (:r, :m, :customer, :sender, :choice, :correct, :at, :late)
            on conflict do nothing""")
        .param("r", round.roundId()).param("m", message.messageId()).param("customer", message.customerId())
        .param("sender", message.senderName()).param("choice", choice.getAsInt())
        .param("correct", choice.getAsInt() == round.correct()).param("at", Timestamp.from(message.receivedAt()))
        .param("late", late).update();
  }

  private Optional<Target> open(long communityId) {
    return jdbc.sql("""
            select id, cardinality(options) as n, correct, closes_at from community_game_rounds
            where community_id = :c and status = 'OPEN' for share""")
        .param("c", communityId)
        .query((rs, i) -> new Target(rs.getLong("id"), rs.getInt("n"), rs.getInt("correct"),
            rs.getTimestamp("closes_at").toInstant(), true)).optional();
  }

  private Optional<Target> recentlyClosed(long communityId, Instant now) {
    return jdbc.sql("""
            select id, cardinality(options) as n, correct, closes_at from community_game_rounds
            where community_id = :c and status = 'CLOSED' and closed_at > :since
            order by closed_at desc, id desc limit 1""")
        .param("c", communityId).param("since", Timestamp.from(now.minus(LATE_WINDOW)))
        .query((rs, i) -> new Target(rs.getLong("id"), rs.getInt("n"), rs.getInt("correct"),
            rs.getTimestamp("closes_at").toInstant(), false)).optional();
  }
}
