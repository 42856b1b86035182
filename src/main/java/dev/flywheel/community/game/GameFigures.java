package dev.flywheel.community.game;

import dev.flywheel.community.Game;
import dev.flywheel.community.GameRound;
import dev.flywheel.community.GameState;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Winners, per-round figures and participation of games (SQL). */
@Component
class GameFigures {
  private final JdbcClient jdbc;
  private final ProductLinks products;
  private final java.time.Clock clock;

  GameFigures(JdbcClient jdbc, ProductLinks products, java.time.Clock clock) {
    this.jdbc = jdbc;
    this.products = products;
    this.clock = clock;
  }

  record Winner(long messageId, String customerId, String senderName, Instant answeredAt) {}

  /** The earliest counted correct answer by server receive time; ties go to the lower message id. */
  Optional<Winner> winner(long roundId) {
    return jdbc.sql("""
            select message_id, customer_id, sender_name, answered_at from community_game_answers
            where round_id = :r and correct and not late order by answered_at, message_id limit 1""")
        .param("r", roundId).query((rs, n) -> new Winner(rs.getLong("message_id"), rs.getString("customer_id"),
            rs.getString("sender_name"), rs.getTimestamp("answered_at").toInstant())).optional();
  }

  GameState state(Game game) {
    List<GameState.RoundFigures> rounds = game.rounds().stream().map(this::figures).toList();
    return new GameState(game, rounds, members(game), participants(game.id()), products.clicks(game.id()));
  }

  private GameState.RoundFigures figures(GameRound round) {
    record Counts(int answers, int correct, int late) {}
    Counts counts = jdbc.sql("""
            select count(*) filter (where not late) as answers, count(*) filter (where not late and correct) as ok,
              count(*) filter (where late) as late from community_game_answers where round_id = :r""")
        .param("r", round.id()).query((rs, n) -> new Counts(rs.getInt("answers"), rs.getInt("ok"), rs.getInt("late")))
        .single();
    List<GameState.Answer> latest = jdbc.sql("""
            select * from community_game_answers where round_id = :r order by answered_at desc, message_id desc
            limit 50""")
        .param("r", round.id()).query((rs, n) -> new GameState.Answer(rs.getLong("message_id"),
            rs.getString("customer_id"), rs.getString("sender_name"), GameRound.letter(rs.getInt("choice")),
            rs.getBoolean("correct"), rs.getTimestamp("answered_at").toInstant(), rs.getBoolean("late"))).list();
    return new GameState.RoundFigures(round, counts.answers(), counts.correct(), counts.late(), latest);
  }

  /** Members at some time while the game ran: joined before it ended (or now) and not left before it started. */
  private int members(Game game) {
    Instant from = game.startedAt() == null ? clock.instant() : game.startedAt();
    Instant to = game.endedAt() == null ? clock.instant() : game.endedAt();
    return jdbc.sql("""
            select count(*) from community_members where community_id = :c and joined_at <= :to
              and (left_at is null or left_at >= :from)""")
        .param("c", game.communityId()).param("to", Timestamp.from(to)).param("from", Timestamp.from(from))
        .query(Integer.class).single();
  }

  private int participants(long gameId) {
    return jdbc.sql("""
            select count(distinct a.customer_id) from community_game_answers a
            join community_game_rounds r on r.id = a.round_id where r.game_id = :g and not a.late""")
        .param("g", gameId).query(Integer.class).single();
  }
}
