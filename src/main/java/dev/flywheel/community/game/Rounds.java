package dev.flywheel.community.game;

import dev.flywheel.community.CommunityChat;
import dev.flywheel.community.Game;
import dev.flywheel.community.GameResult;
import dev.flywheel.community.GameRound;
import dev.flywheel.community.GameState;
import dev.flywheel.community.Games;
import dev.flywheel.community.Post;
import dev.flywheel.community.PostKind;
import dev.flywheel.ledger.GrantOutcome;
import dev.flywheel.ledger.GrantRequest;
import dev.flywheel.ledger.Ledger;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opening and closing rounds. Opening posts the question and schedules the close; closing is the
 * conditional update OPEN → CLOSED, so whoever closes first (a manager, another manager, the
 * reveal-delay task) reveals, and everybody else finds the round closed. The reveal, the winner,
 * the grant and the announcement commit together.
 */
@Component
public class Rounds {
  /** The ledger rule of every game prize; the source event is {@code game-round:<id>}. */
  public static final String PRIZE_RULE = "community-game-prize";
  private final JdbcClient jdbc;
  private final GameStore store;
  private final CommunityChat chat;
  private final Ledger ledger;
  private final CloseSchedule schedule;
  private final ProductLinks products;
  private final GameFigures figures;
  private final TransactionTemplate tx;
  private final Clock clock;

  Rounds(JdbcClient jdbc, GameStore store, CommunityChat chat, Ledger ledger, CloseSchedule schedule,
      ProductLinks products, GameFigures figures, TransactionTemplate tx, Clock clock) {
    this.jdbc = jdbc;
    this.store = store;
    this.chat = chat;
    this.ledger = ledger;
    this.schedule = schedule;
    this.products = products;
    this.figures = figures;
    this.tx = tx;
    this.clock = clock;
  }

  /** Joins the caller's transaction. */
  public GameResult openNext(long tenantId, long gameId, String actor) {
    Optional<Game> found = store.find(tenantId, gameId);
    if (found.isEmpty()) {
      return GameResult.Refused.of("game-not-found", "No game " + gameId);
    }
    Game game = found.get();
    // opens in one community queue behind each other: the second sees the first's open round
    // (no unique-index violation), and reads the rounds after the first committed
    jdbc.sql("select id from community_communities where id = :c for no key update").param("c", game.communityId())
        .query(Long.class).single();
    Optional<GameRound> next = store.rounds(gameId).stream()
        .filter(r -> r.status() == GameRound.Status.PENDING).findFirst();
    if (next.isEmpty()) {
      return GameResult.Refused.of("game-ended", "Every round of this game was played");
    }
    Instant now = clock.instant();
    Instant closesAt = now.plus(game.revealDelay());
    GameRound round = next.get();
    int opened = jdbc.sql("""
            update community_game_rounds set status = 'OPEN', opened_at = :now, closes_at = :closes
            where id = :id and status = 'PENDING' and not exists (
              select 1 from community_game_rounds o where o.community_id = :c and o.status = 'OPEN')""")
        .param("id", round.id()).param("c", game.communityId()).param("now", Timestamp.from(now))
        .param("closes", Timestamp.from(closesAt)).update();
    if (opened == 0) {
      return GameResult.Refused.of("round-open", "Another round is open in this community: close it first");
    }
    jdbc.sql("update community_games set status = 'RUNNING', started_at = coalesce(started_at, :now) where id = :g")
        .param("g", gameId).param("now", Timestamp.from(now)).update();
    long question = chat.post(tenantId, game.communityId(), new Post(game.title(), GameTexts.question(game, round),
        PostKind.GAME, reference(round.id()))).orElseThrow().id();
    jdbc.sql("update community_game_rounds set question_message_id = :m where id = :id")
        .param("m", question).param("id", round.id()).update();
    schedule.closeAt(round.id(), closesAt);
    return new GameResult.Done(store.find(tenantId, gameId).orElseThrow());
  }

  /** The reveal-delay task: closes the round unless somebody closed it already. */
  public void closeByTask(long roundId) {
    store.tenantOfRound(roundId).ifPresent(tenant -> close(tenant, roundId, "reveal-delay"));
  }

  /** In a transaction of its own: the reveal is committed when this returns. */
  public GameResult close(long tenantId, long roundId, String actor) {
    return tx.execute(status -> closeHere(tenantId, roundId, actor));
  }

  private GameResult closeHere(long tenantId, long roundId, String actor) {
    Instant now = clock.instant();
    int closed = jdbc.sql("""
            update community_game_rounds set status = 'CLOSED', closed_at = :now, closed_by = :actor
            where id = :id and tenant_id = :t and status = 'OPEN'""")
        .param("id", roundId).param("t", tenantId).param("now", Timestamp.from(now)).param("actor", actor).update();
    if (closed == 0) {
      Optional<GameRound> round = store.round(roundId).filter(r -> store.tenantOfRound(roundId).orElse(-1L) == tenantId);
      return round.isEmpty() ? GameResult.Refused.of("round-not-found", "No round " + roundId)
          : GameResult.Refused.of("round-not-open", "The round is " + round.get().status().name().toLowerCase());
    }
    GameRound round = store.round(roundId).orElseThrow();
    Game game = store.find(tenantId, round.gameId()).orElseThrow();
    Optional<GameFigures.Winner> winner = figures.winner(roundId);
    winner.ifPresent(w -> reward(game, round, w));
    GameRound settled = store.round(roundId).orElseThrow();
    long reveal = chat.post(tenantId, game.communityId(), new Post(game.title(),
        GameTexts.reveal(game, settled, winner.map(GameFigures.Winner::senderName).orElse(null)), PostKind.GAME,
        reference(roundId))).orElseThrow().id();
    jdbc.sql("update community_game_rounds set reveal_message_id = :m where id = :id")
        .param("m", reveal).param("id", roundId).update();
    endIfLast(game, now);
    return new GameResult.Done(store.find(tenantId, game.id()).orElseThrow());
  }

  private void reward(Game game, GameRound round, GameFigures.Winner winner) {
    Long grantId = null;
    String note = null;
    if (game.prize() == null) {
      note = "no-prize";
    } else {
      GrantOutcome outcome = ledger.grant(GrantRequest.of(game.tenantId(), Games.budgetKey(game.communityId()),
          PRIZE_RULE, reference(round.id()), winner.customerId(), game.prize().asset(), game.prize().amount()));
      switch (outcome) {
        case GrantOutcome.Granted g -> grantId = g.grant().id();
        case GrantOutcome.AlreadyGranted a -> grantId = a.grant().id();
        case GrantOutcome.BudgetExhausted b -> note = "budget-exhausted";
      }
    }
    jdbc.sql("""
            update community_game_rounds set winner_customer_id = :w, winner_message_id = :m,
              winner_answered_at = :at, grant_id = :grant, prize_note = :note where id = :id""")
        .param("w", winner.customerId()).param("m", winner.messageId()).param("at", Timestamp.from(winner.answeredAt()))
        .param("grant", grantId, java.sql.Types.BIGINT).param("note", note, java.sql.Types.VARCHAR)
        .param("id", round.id()).update();
  }

  /** After the last round: the game ends and its product post (with tracked links) goes out. */
  private void endIfLast(Game game, Instant now) {
    int ended = jdbc.sql("""
            update community_games set status = 'ENDED', ended_at = :now where id = :g and status <> 'ENDED'
              and not exists (select 1 from community_game_rounds r where r.game_id = :g and r.status <> 'CLOSED')""")
        .param("g", game.id()).param("now", Timestamp.from(now)).update();
    if (ended == 1 && game.productPost() != null) {
      products.post(game);
    }
  }

  public GameState state(Game game) {
    return figures.state(game);
  }

  public static String reference(long roundId) {
    return "game-round:" + roundId;
  }
}
