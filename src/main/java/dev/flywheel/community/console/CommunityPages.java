package dev.flywheel.community.console;

import dev.flywheel.community.Communities;
import dev.flywheel.community.Community;
import dev.flywheel.community.CommunityInsights;
import dev.flywheel.community.CommunityResult;
import dev.flywheel.community.Health;
import dev.flywheel.platform.security.ConsoleUser;
import dev.flywheel.platform.security.ConsoleUsers;
import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.web.FieldIssue;
import java.util.List;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Communities in the console: the list with each community's tag mix and health, the create form,
 * and a community's overview (join link, chat secret for its managers, tag mix, participation
 * chart) and members. Every community page shares the header and tab bar
 * ({@link dev.flywheel.community.ConsoleTab}, put on the model by {@link TabsAdvice}).
 */
@Controller
@PreAuthorize(ConsoleRoles.VIEW)
class CommunityPages {
  private final Communities communities;
  private final CommunityInsights insights;
  private final ConsoleUsers users;
  private final MessageSource messages;

  CommunityPages(Communities communities, CommunityInsights insights, ConsoleUsers users, MessageSource messages) {
    this.communities = communities;
    this.insights = insights;
    this.users = users;
    this.messages = messages;
  }

  /** One row of the list. */
  record Row(Community community, dev.flywheel.community.TagMix mix, Health health, String spark) {}

  @GetMapping("/console/communities")
  ModelAndView list(@AuthenticationPrincipal ConsoleUser me) {
    List<Row> rows = communities.list(me.tenantId()).stream().map(c -> {
      Health health = insights.health(me.tenantId(), c.id());
      return new Row(c, insights.tagMix(me.tenantId(), c.id()), health, Sparkline.small(health));
    }).toList();
    ModelAndView view = new ModelAndView("community/list");
    view.addObject("rows", rows);
    view.addObject("creates", me.roles().contains(Role.ADMIN) || me.roles().contains(Role.OPERATOR));
    return view;
  }

  @GetMapping("/console/communities/new")
  @PreAuthorize(ConsoleRoles.CREATE)
  ModelAndView blank(@AuthenticationPrincipal ConsoleUser me) {
    return form(me, CommunityForm.blank(), List.of(), HttpStatus.OK);
  }

  @PostMapping("/console/communities/new")
  @PreAuthorize(ConsoleRoles.CREATE)
  ModelAndView create(@AuthenticationPrincipal ConsoleUser me, @ModelAttribute CommunityForm form,
      RedirectAttributes flash) {
    return switch (communities.create(me.tenantId(), form.draft(), me.actor())) {
      case CommunityResult.Done done -> {
        flash.addFlashAttribute("flash", "community.created");
        yield new ModelAndView("redirect:/console/communities/" + done.community().id());
      }
      case CommunityResult.Refused refused -> form(me, form, refused.issues().isEmpty()
          ? List.of(new FieldIssue("name", refused.code(), refused.message())) : refused.issues(),
          HttpStatus.UNPROCESSABLE_CONTENT);
    };
  }

  private ModelAndView form(ConsoleUser me, CommunityForm form, List<FieldIssue> issues, HttpStatus status) {
    ModelAndView view = new ModelAndView("community/new");
    view.addObject("form", form);
    view.addObject("issues", issues);
    view.addObject("employees", users.list(me.tenantId()).stream().filter(u -> u.roles().contains(Role.EMPLOYEE))
        .map(ConsoleUser::withoutPassword).toList());
    view.setStatus(status);
    return view;
  }

  @GetMapping("/console/communities/{id}")
  ModelAndView overview(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id) {
    return page(me, id, "", "community/overview").map(view -> {
      Community c = (Community) view.getModel().get("community");
      Health health = insights.health(me.tenantId(), id);
      var locale = LocaleContextHolder.getLocale();
      view.addObject("mix", insights.tagMix(me.tenantId(), id));
      view.addObject("health", health);
      view.addObject("trend", Sparkline.full(health, messages.getMessage("community.writers", null, locale),
          messages.getMessage("community.messages", null, locale)));
      view.addObject("secret", ConsoleRoles.manages(me, c) ? communities.chatSecret(me.tenantId(), id).orElse(null)
          : null);
      return view;
    }).orElseGet(() -> notFound(id));
  }

  @GetMapping("/console/communities/{id}/members")
  ModelAndView members(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id) {
    return page(me, id, "members", "community/members").map(view -> {
      view.addObject("members", communities.members(me.tenantId(), id));
      return view;
    }).orElseGet(() -> notFound(id));
  }

  /** The shared model of a community page: the community, which tab is active, what the user may do. */
  Optional<ModelAndView> page(ConsoleUser me, long id, String tab, String template) {
    return communities.find(me.tenantId(), id).map(c -> {
      ModelAndView view = new ModelAndView(template);
      view.addObject("community", c);
      view.addObject("activeTab", tab);
      view.addObject("manages", ConsoleRoles.manages(me, c));
      view.addObject("addsMembers", ConsoleRoles.addsMembers(me, c));
      view.addObject("joinUrl", ServletUriComponentsBuilder.fromCurrentContextPath()
          .path("/h5/communities/join/" + c.joinCode()).toUriString());
      return view;
    });
  }

  static ModelAndView notFound(long id) {
    ModelAndView view = new ModelAndView("console/not-found");
    view.setStatus(HttpStatus.NOT_FOUND);
    view.addObject("whatKey", "community.notFound");
    view.addObject("missingId", Long.toString(id));
    return view;
  }
}
