package dev.flywheel.community;

import dev.flywheel.community.game.GameChecks;
import dev.flywheel.community.game.GameStore;
import dev.flywheel.community.game.ProductLinks;
import dev.flywheel.community.game.Rounds;
import dev.flywheel.community.store.CommunityStore;
import dev.flywheel.ledger.Budget;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Group games in a community (seed 001): prepare a game from a {@link GameSpec}, open its rounds
 * one by one, close them (by the reveal-delay task or a manager), read its state. Answers come in
 * through the chat ({@link CommunityMessageReceived}); see {@code docs/api/community.md#games}.
 */
@Service
public class Games {
  private final CommunityStore communities;
  private final GameStore store;
  private final Rounds rounds;
  private final Ledger ledger;
  private final Clock clock;
  private final ProductLinks links;

  Games(CommunityStore communities, GameStore store, Rounds rounds, Ledger ledger, Clock clock, ProductLinks links) {
    this.links = links;
    this.communities = communities;
    this.store = store;
    this.rounds = rounds;
    this.ledger = ledger;
    this.clock = clock;
  }

  /**
   * A member followed a link of a game's product post (what {@code GET /c/{token}} does): records
   * the click and answers the link's target; empty, recording nothing, for a forged or unknown token.
   */
  public Optional<String> click(String token) {
    return links.click(token);
  }

  /** The owner type of the ledger budget that pays a community's game prizes. */
  public static final String BUDGET_OWNER = "community-games";

  /** The ledger budget key of a community's game prizes ({@code Ledger.budgetKey} with {@link #BUDGET_OWNER}). */
  public long budgetKey(long tenantId, long communityId) {
    return ledger.budgetKey(tenantId, BUDGET_OWNER, String.valueOf(communityId));
  }

  /** What is wrong with a spec, each issue with its field path (e.g. {@code questions[2].correct}); empty when fine. */
  public static List<FieldIssue> check(GameSpec spec) {
    return GameChecks.check(spec);
  }

  /**
   * Stores a game with its rounds copied from the spec (a later edit of the spec's source never
   * changes it) and funds the community's prize budget with one prize per round.
   *
   * @param source where the spec comes from, e.g. {@code library:12@3}; {@code console} when blank
   * @return the game id
   * @throws Problem 422 {@code invalid-game} with the fields at fault, 404 {@code community-not-found},
   *     409 {@code community-archived}; nothing is written then
   */
  @Transactional
  public long prepare(long tenantId, long communityId, GameSpec spec, String source, String actor) {
    return switch (create(tenantId, communityId, spec, source, actor)) {
      case GameResult.Done d -> d.game().id();
      case GameResult.Refused r -> throw new Problem(status(r.code()), r.code(), r.message(), r.issues());
    };
  }

  /** {@link #prepare} with the refusal as a value. */
  @Transactional
  public GameResult create(long tenantId, long communityId, GameSpec spec, String source, String actor) {
    Optional<Community> community = communities.find(tenantId, communityId);
    if (community.isEmpty()) {
      return GameResult.Refused.of("community-not-found", "No community " + communityId);
    }
    if (community.get().archived()) {
      return GameResult.Refused.of("community-archived", "The community is archived");
    }
    List<FieldIssue> issues = check(spec);
    if (!issues.isEmpty()) {
      return new GameResult.Refused("invalid-game", "The game has invalid fields", issues);
    }
    long id = store.create(tenantId, communityId, spec, source, actor, clock.instant());
    if (spec.prize() != null) {
      ledger.fund(tenantId, budgetKey(tenantId, communityId), spec.prize().asset(),
          Math.multiplyExact(spec.prize().amount(), (long) spec.questions().size()), actor);
    }
    return new GameResult.Done(store.find(tenantId, id).orElseThrow());
  }

  public Optional<Game> find(long tenantId, long gameId) {
    return store.find(tenantId, gameId);
  }

  /** The community's games, newest first. */
  public List<Game> list(long tenantId, long communityId) {
    return store.list(tenantId, communityId);
  }

  /** The prize budget of the community (funded by its games). */
  public Budget budget(long tenantId, long communityId) {
    return ledger.budget(tenantId, budgetKey(tenantId, communityId));
  }

  /**
   * Opens the game's next round: posts the question with its options (kind GAME, reference
   * {@code game-round:<id>}) and schedules its close at now + reveal delay. Refused when another
   * round is open in the community ({@code round-open}) or no round is left ({@code game-ended}).
   */
  @Transactional
  public GameResult openNextRound(long tenantId, long gameId, String actor) {
    return rounds.openNext(tenantId, gameId, actor);
  }

  /**
   * Closes an open round now (a manager's "close and reveal"): the reveal happens once whoever
   * closes first — another manager, or the reveal-delay task. Refused with {@code round-not-open}
   * when it was closed already.
   */
  public GameResult closeRound(long tenantId, long roundId, String actor) {
    return rounds.close(tenantId, roundId, actor);
  }

  /** The game with per-round figures, participation and product clicks. */
  public Optional<GameState> state(long tenantId, long gameId) {
    return store.find(tenantId, gameId).map(rounds::state);
  }

  private static HttpStatus status(String code) {
    return switch (code) {
      case "community-not-found", "game-not-found", "round-not-found" -> HttpStatus.NOT_FOUND;
      case "invalid-game" -> HttpStatus.UNPROCESSABLE_CONTENT;
      default -> HttpStatus.CONFLICT;
    };
  }
}
