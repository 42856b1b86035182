package dev.flywheel.community.room;

import dev.flywheel.community.ChatKind;
import dev.flywheel.community.Communities;
import dev.flywheel.community.Community;
import dev.flywheel.community.CommunityChat;
import dev.flywheel.community.CommunityResult;
import dev.flywheel.customer.CustomerProfile;
import dev.flywheel.customer.Customers;
import dev.flywheel.platform.customersession.CustomerPrincipal;
import dev.flywheel.platform.tenancy.Tenant;
import dev.flywheel.platform.tenancy.Tenants;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The web chat room in the app's web view, 375 px first, English or Simplified Chinese
 * ({@code ?lang=}). {@code /h5/communities/join/{joinCode}?token=…} joins the session's customer
 * and opens the room; {@code /h5/communities/{id}?token=…} reopens it for a member. The page's
 * script reads and writes through {@link RoomController} with the same token.
 */
@Controller
class RoomPage {
  private static final int RECENT = 50;
  private final Communities communities;
  private final CommunityChat chat;
  private final Customers customers;
  private final Tenants tenants;

  RoomPage(Communities communities, CommunityChat chat, Customers customers, Tenants tenants) {
    this.communities = communities;
    this.chat = chat;
    this.customers = customers;
    this.tenants = tenants;
  }

  @GetMapping("/h5/communities/join/{joinCode}")
  String join(@AuthenticationPrincipal CustomerPrincipal me, @PathVariable String joinCode,
      @RequestParam(required = false) String token, Model model, HttpServletResponse response) {
    Optional<Community> found = communities.byJoinCode(joinCode)
        .filter(c -> c.tenantId() == me.tenantId() && c.chatKind() == ChatKind.WEB_ROOM);
    if (found.isEmpty()) {
      return refused(response, HttpServletResponse.SC_NOT_FOUND, "h5.room.notFound", model);
    }
    Community community = found.get();
    if (!communities.isMember(me.tenantId(), community.id(), me.customerId())) {
      CommunityResult joined = communities.join(me.tenantId(), community.id(), me.customerId(), displayName(me));
      if (joined instanceof CommunityResult.Refused r) {
        return "community-archived".equals(r.code())
            ? refused(response, HttpServletResponse.SC_GONE, "h5.room.closed", model)
            : refused(response, HttpServletResponse.SC_FORBIDDEN, "h5.room.notCustomer", model);
      }
    }
    return room(me, community, token, model, response);
  }

  @GetMapping("/h5/communities/{id:\\d+}")
  String open(@AuthenticationPrincipal CustomerPrincipal me, @PathVariable long id,
      @RequestParam(required = false) String token, Model model, HttpServletResponse response) {
    Optional<Community> found = communities.find(me.tenantId(), id);
    if (found.isEmpty()) {
      return refused(response, HttpServletResponse.SC_NOT_FOUND, "h5.room.notFound", model);
    }
    if (!communities.isMember(me.tenantId(), id, me.customerId())) {
      return refused(response, HttpServletResponse.SC_FORBIDDEN, "h5.room.notMember", model);
    }
    return room(me, found.get(), token, model, response);
  }

  private String room(CustomerPrincipal me, Community community, String token, Model model,
      HttpServletResponse response) {
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Referrer-Policy", "no-referrer");
    var recent = chat.latest(me.tenantId(), community.id(), RECENT);
    model.addAttribute("community", community);
    model.addAttribute("messages", recent.stream().map(m -> RoomMessages.json(m, me.customerId())).toList());
    model.addAttribute("lastId", recent.isEmpty() ? 0 : recent.getLast().id());
    model.addAttribute("members", communities.members(me.tenantId(), community.id()).size());
    model.addAttribute("token", token == null ? "" : token);
    model.addAttribute("zone", tenants.find(me.tenantId()).map(Tenant::timeZone).orElse(ZoneOffset.UTC));
    return "h5/community/room";
  }

  private String displayName(CustomerPrincipal me) {
    return customers.find(me.tenantId(), me.customerId()).map(CustomerProfile::displayNameMasked)
        .orElse(null) instanceof String masked ? masked
        : "#" + me.customerId().substring(Math.max(0, me.customerId().length() - 4));
  }

  private static String refused(HttpServletResponse response, int status, String messageKey, Model model) {
    response.setStatus(status);
    model.addAttribute("messageKey", messageKey);
    return "h5/community/refused";
  }
}
