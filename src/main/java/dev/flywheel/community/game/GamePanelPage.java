package dev.flywheel.community.game;

import dev.flywheel.community.Communities;
import dev.flywheel.community.Community;
import dev.flywheel.community.Game;
import dev.flywheel.community.GameResult;
import dev.flywheel.community.Games;
import dev.flywheel.platform.security.ConsoleUser;
import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.tenancy.Tenant;
import dev.flywheel.platform.tenancy.Tenants;
import dev.flywheel.platform.web.Problem;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The live game control panel of a community, for its account managers (EMPLOYEE users who
 * manage it) and admins: the community's games and a "new game" form; a game's panel with the
 * open round, answers arriving (htmx polls every 2 s), "open next round", "close and reveal now",
 * the winner and participation. Anybody else gets 403; an unknown community or game 404.
 */
@Controller
class GamePanelPage {
  private final Communities communities;
  private final Games games;
  private final Tenants tenants;

  GamePanelPage(Communities communities, Games games, Tenants tenants) {
    this.communities = communities;
    this.games = games;
    this.tenants = tenants;
  }

  @GetMapping("/console/communities/{id}/games")
  ModelAndView list(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id) {
    Community community = allowed(me, id);
    ModelAndView view = new ModelAndView("community/game/list");
    view.addObject("community", community);
    view.addObject("games", games.list(me.tenantId(), id));
    view.addObject("zone", zone(me));
    return view;
  }

  @PostMapping("/console/communities/{id}/games")
  ModelAndView create(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id, @ModelAttribute GameForms form) {
    allowed(me, id);
    GameResult result;
    try {
      result = games.create(me.tenantId(), id, form.spec(), "console", me.username());
    } catch (Problem p) {
      result = new GameResult.Refused(p.code(), p.getMessage(), p.fields());
    }
    if (result instanceof GameResult.Done done) {
      return new ModelAndView("redirect:/console/communities/" + id + "/games/" + done.game().id());
    }
    ModelAndView view = list(me, id);
    view.addObject("refusal", result);
    view.addObject("form", form);
    view.setStatus(HttpStatus.UNPROCESSABLE_CONTENT);
    return view;
  }

  @GetMapping("/console/communities/{id}/games/{gameId}")
  ModelAndView panel(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id, @PathVariable long gameId) {
    return panel(me, id, gameId, "community/game/panel");
  }

  /** The live part of the panel, polled by htmx every 2 seconds. */
  @GetMapping("/console/communities/{id}/games/{gameId}/live")
  ModelAndView live(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id, @PathVariable long gameId) {
    return panel(me, id, gameId, "community/game/panel :: live");
  }

  @PostMapping("/console/communities/{id}/games/{gameId}/open")
  ModelAndView open(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id, @PathVariable long gameId,
      RedirectAttributes flash) {
    game(me, id, gameId);
    return decided(games.openNextRound(me.tenantId(), gameId, me.username()), id, gameId, "game.opened", flash);
  }

  @PostMapping("/console/communities/{id}/games/{gameId}/rounds/{roundId}/close")
  ModelAndView close(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id, @PathVariable long gameId,
      @PathVariable long roundId, RedirectAttributes flash) {
    Game game = game(me, id, gameId);
    if (game.rounds().stream().noneMatch(r -> r.id() == roundId)) {
      throw Problem.notFound("Round", "" + roundId);
    }
    return decided(games.closeRound(me.tenantId(), roundId, me.username()), id, gameId, "game.closed", flash);
  }

  private ModelAndView decided(GameResult result, long id, long gameId, String notice, RedirectAttributes flash) {
    switch (result) {
      case GameResult.Done d -> flash.addFlashAttribute("notice", notice);
      case GameResult.Refused r -> flash.addFlashAttribute("problem", "game.refused." + r.code());
    }
    return new ModelAndView("redirect:/console/communities/" + id + "/games/" + gameId);
  }

  private ModelAndView panel(ConsoleUser me, long id, long gameId, String template) {
    Community community = allowed(me, id);
    Game game = game(me, id, gameId);
    ModelAndView view = new ModelAndView(template);
    view.addObject("community", community);
    view.addObject("state", games.state(me.tenantId(), game.id()).orElseThrow());
    view.addObject("zone", zone(me));
    return view;
  }

  private Game game(ConsoleUser me, long id, long gameId) {
    allowed(me, id);
    return games.find(me.tenantId(), gameId).filter(g -> g.communityId() == id)
        .orElseThrow(() -> Problem.notFound("Game", "" + gameId));
  }

  private Community allowed(ConsoleUser me, long id) {
    Optional<Community> community = communities.find(me.tenantId(), id);
    if (community.isEmpty()) {
      throw Problem.notFound("Community", "" + id);
    }
    boolean manager = me.roles().contains(Role.EMPLOYEE) && community.get().managedBy(me.username());
    if (!manager && !me.roles().contains(Role.ADMIN)) {
      throw new Problem(HttpStatus.FORBIDDEN, "not-a-manager", "Only the community's account managers run its games",
          java.util.List.of());
    }
    return community.get();
  }

  /** A refusal on a console page: a page with the layout and the status, never a stack trace. */
  @org.springframework.web.bind.annotation.ExceptionHandler(Problem.class)
  ModelAndView refused(Problem problem) {
    ModelAndView view = new ModelAndView("community/game/refused");
    view.setStatus(problem.status());
    view.addObject("reason", problem.status() == HttpStatus.FORBIDDEN ? "game.forbidden" : "game.notFound");
    return view;
  }

  private java.time.ZoneId zone(ConsoleUser me) {
    return tenants.find(me.tenantId()).map(Tenant::timeZone).orElse(ZoneOffset.UTC);
  }
}
