package dev.flywheel.community.console;

import dev.flywheel.community.Communities;
import dev.flywheel.community.Community;
import dev.flywheel.community.CommunityChat;
import dev.flywheel.community.Post;
import dev.flywheel.community.PostKind;
import dev.flywheel.platform.security.ConsoleUser;
import dev.flywheel.platform.tenancy.Tenant;
import dev.flywheel.platform.tenancy.Tenants;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A community's chat in the console: the latest messages both ways (refreshed by htmx every 2 s)
 * and, for its managers and admins, a box to post as themselves.
 */
@Controller
@PreAuthorize(ConsoleRoles.VIEW)
class ChatPage {
  private static final int SHOWN = 100;
  private final CommunityPages pages;
  private final Communities communities;
  private final CommunityChat chat;
  private final Tenants tenants;

  ChatPage(CommunityPages pages, Communities communities, CommunityChat chat, Tenants tenants) {
    this.pages = pages;
    this.communities = communities;
    this.chat = chat;
    this.tenants = tenants;
  }

  @GetMapping("/console/communities/{id}/chat")
  ModelAndView chat(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id) {
    return pages.page(me, id, "chat", "community/chat").map(view -> withMessages(view, me, id))
        .orElseGet(() -> CommunityPages.notFound(id));
  }

  /** The message list alone, for htmx. */
  @GetMapping("/console/communities/{id}/chat/messages")
  ModelAndView messages(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id) {
    return withMessages(new ModelAndView("community/parts :: messages"), me, found(me, id).id());
  }

  @PostMapping("/console/communities/{id}/chat")
  String post(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id, @RequestParam(required = false) String body,
      RedirectAttributes flash) {
    Community community = found(me, id);
    if (!ConsoleRoles.manages(me, community)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "only the community's managers and admins post");
    }
    if (body == null || body.isBlank() || body.length() > 4000) {
      flash.addFlashAttribute("postError", "community.chat.invalid");
    } else if (chat.post(me.tenantId(), id, new Post(me.displayName(), body.strip(), PostKind.CHAT,
        "console:" + me.username())).isEmpty()) {
      flash.addFlashAttribute("postError", "community.archived");
    }
    return "redirect:/console/communities/" + id + "/chat";
  }

  private ModelAndView withMessages(ModelAndView view, ConsoleUser me, long id) {
    view.addObject("messages", chat.latest(me.tenantId(), id, SHOWN));
    view.addObject("zone", tenants.find(me.tenantId()).map(Tenant::timeZone).orElse(ZoneOffset.UTC));
    view.addObject("communityId", id);
    return view;
  }

  private Community found(ConsoleUser me, long id) {
    Optional<Community> c = communities.find(me.tenantId(), id);
    return c.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }
}
