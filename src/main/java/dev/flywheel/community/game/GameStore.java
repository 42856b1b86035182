package dev.flywheel.community.game;

import dev.flywheel.community.Game;
import dev.flywheel.community.GameForm;
import dev.flywheel.community.GamePrize;
import dev.flywheel.community.GameQuestion;
import dev.flywheel.community.GameRound;
import dev.flywheel.community.GameSpec;
import dev.flywheel.ledger.Asset;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Games and their rounds (SQL). A game's rounds are copied from its spec once and never re-read from it. */
@Component
public class GameStore {
  private final JdbcClient jdbc;

  GameStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public long create(long tenantId, long communityId, GameSpec spec, String source, String actor, Instant now) {
    long id = jdbc.sql("""
            insert into community_games (tenant_id, community_id, form, title, rules, reveal_delay_s, prize_asset,
              prize_amount, product_post, source, created_by, created_at)
            values (:t, :c, :form, :title, :rules, :delay, :asset, :amount, :product, :source, :actor, :now)
            returning id""")
        .param("t", tenantId).param("c", communityId).param("form", spec.form().name())
        .param("title", spec.title().strip()).param("rules", spec.rules() == null ? "" : spec.rules())
        .param("delay", (int) spec.revealDelay().toSeconds())
        .param("asset", spec.prize() == null ? null : spec.prize().asset().name(), java.sql.Types.VARCHAR)
        .param("amount", spec.prize() == null ? null : spec.prize().amount(), java.sql.Types.BIGINT)
        .param("product", blankToNull(spec.productPost()), java.sql.Types.VARCHAR)
        .param("source", source == null || source.isBlank() ? "console" : source).param("actor", actor)
        .param("now", Timestamp.from(now)).query(Long.class).single();
    for (int i = 0; i < spec.questions().size(); i++) {
      GameQuestion q = spec.questions().get(i);
      jdbc.sql("""
              insert into community_game_rounds (game_id, tenant_id, community_id, position, prompt, options, correct)
              values (:g, :t, :c, :pos, :prompt, :options, :correct)""")
          .param("g", id).param("t", tenantId).param("c", communityId).param("pos", i + 1)
          .param("prompt", q.prompt().strip()).param("options", q.options().stream().map(String::strip)
              .toArray(String[]::new)).param("correct", q.correct()).update();
    }
    return id;
  }

  public Optional<Game> find(long tenantId, long gameId) {
    return jdbc.sql("select * from community_games where tenant_id = :t and id = :id")
        .param("t", tenantId).param("id", gameId).query((rs, n) -> game(rs, rounds(gameId))).optional();
  }

  public List<Game> list(long tenantId, long communityId) {
    return jdbc.sql("select * from community_games where tenant_id = :t and community_id = :c order by id desc")
        .param("t", tenantId).param("c", communityId).query((rs, n) -> game(rs, List.of())).list()
        .stream().map(g -> withRounds(g)).toList();
  }

  private Game withRounds(Game g) {
    return new Game(g.id(), g.tenantId(), g.communityId(), g.form(), g.title(), g.rules(), g.revealDelay(),
        g.prize(), g.productPost(), g.source(), g.status(), g.startedAt(), g.endedAt(), g.productMessageId(),
        g.createdBy(), g.createdAt(), rounds(g.id()));
  }

  public List<GameRound> rounds(long gameId) {
    return jdbc.sql("select * from community_game_rounds where game_id = :g order by position")
        .param("g", gameId).query((rs, n) -> round(rs)).list();
  }

  public Optional<GameRound> round(long roundId) {
    return jdbc.sql("select * from community_game_rounds where id = :id").param("id", roundId)
        .query((rs, n) -> round(rs)).optional();
  }

  /** The tenant of a round, for the close task (which knows only the round id). */
  public Optional<Long> tenantOfRound(long roundId) {
    return jdbc.sql("select tenant_id from community_game_rounds where id = :id").param("id", roundId)
        .query(Long.class).optional();
  }

  static Game game(ResultSet rs, List<GameRound> rounds) throws SQLException {
    String asset = rs.getString("prize_asset");
    GamePrize prize = asset == null ? null : new GamePrize(Asset.valueOf(asset), rs.getLong("prize_amount"));
    long product = rs.getLong("product_message_id");
    Long productId = rs.wasNull() ? null : product;
    return new Game(rs.getLong("id"), rs.getLong("tenant_id"), rs.getLong("community_id"),
        GameForm.valueOf(rs.getString("form")), rs.getString("title"), rs.getString("rules"),
        Duration.ofSeconds(rs.getInt("reveal_delay_s")), prize, rs.getString("product_post"), rs.getString("source"),
        rs.getString("status"), instant(rs, "started_at"), instant(rs, "ended_at"),
        productId, rs.getString("created_by"),
        instant(rs, "created_at"), rounds);
  }

  static GameRound round(ResultSet rs) throws SQLException {
    Array options = rs.getArray("options");
    List<String> texts = Arrays.asList((String[]) options.getArray());
    long winnerMessage = rs.getLong("winner_message_id");
    Long winnerMessageId = rs.wasNull() ? null : winnerMessage;
    long grant = rs.getLong("grant_id");
    Long grantId = rs.wasNull() ? null : grant;
    return new GameRound(rs.getLong("id"), rs.getLong("game_id"), rs.getInt("position"), rs.getString("prompt"),
        texts, rs.getInt("correct"), GameRound.Status.valueOf(rs.getString("status")), instant(rs, "opened_at"),
        instant(rs, "closes_at"), instant(rs, "closed_at"), rs.getString("closed_by"),
        rs.getString("winner_customer_id"), winnerMessageId, instant(rs, "winner_answered_at"), grantId,
        rs.getString("prize_note"));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp ts = rs.getTimestamp(column);
    return ts == null ? null : ts.toInstant();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
