package dev.flywheel.community.game;

import dev.flywheel.community.Game;
import dev.flywheel.community.GameResult;
import dev.flywheel.community.Games;
import dev.flywheel.platform.tenancy.CurrentTenant;
import dev.flywheel.platform.web.Problem;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Group games over the API (tenant key): {@code docs/api/community.md#games}. */
@RestController
class GameApiController {
  private final CurrentTenant tenant;
  private final Games games;

  GameApiController(CurrentTenant tenant, Games games) {
    this.tenant = tenant;
    this.games = games;
  }

  @PostMapping("/api/v1/communities/{id}/games")
  ResponseEntity<Map<String, Object>> create(@PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
    String source = body == null ? null : GameJson.text(body.get("source"));
    long game = games.prepare(tenant.id(), id, GameJson.spec(body), source, tenant.actor());
    return ResponseEntity.status(HttpStatus.CREATED).body(GameJson.game(games.find(tenant.id(), game).orElseThrow()));
  }

  @GetMapping("/api/v1/communities/{id}/games")
  Map<String, Object> list(@PathVariable long id) {
    return Map.of("games", games.list(tenant.id(), id).stream().map(GameJson::game).toList());
  }

  @GetMapping("/api/v1/communities/{id}/games/{gameId}")
  Map<String, Object> get(@PathVariable long id, @PathVariable long gameId) {
    return GameJson.state(games.state(tenant.id(), found(id, gameId).id()).orElseThrow());
  }

  @PostMapping("/api/v1/communities/{id}/games/{gameId}/rounds/next")
  Map<String, Object> open(@PathVariable long id, @PathVariable long gameId) {
    found(id, gameId);
    return GameJson.game(done(games.openNextRound(tenant.id(), gameId, tenant.actor())));
  }

  @PostMapping("/api/v1/communities/{id}/games/{gameId}/rounds/{roundId}/close")
  Map<String, Object> close(@PathVariable long id, @PathVariable long gameId, @PathVariable long roundId) {
    Game game = found(id, gameId);
    if (game.rounds().stream().noneMatch(r -> r.id() == roundId)) {
      throw Problem.notFound("Round", "" + roundId);
    }
    return GameJson.game(done(games.closeRound(tenant.id(), roundId, tenant.actor())));
  }

  private Game found(long communityId, long gameId) {
    return games.find(tenant.id(), gameId).filter(g -> g.communityId() == communityId)
        .orElseThrow(() -> Problem.notFound("Game", "" + gameId));
  }

  private static Game done(GameResult result) {
    return switch (result) {
      case GameResult.Done d -> d.game();
      case GameResult.Refused r -> throw new Problem(r.code().endsWith("not-found") ? HttpStatus.NOT_FOUND
          : HttpStatus.CONFLICT, r.code(), r.message(), List.of());
    };
  }
}
