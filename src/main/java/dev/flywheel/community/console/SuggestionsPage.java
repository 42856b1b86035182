package dev.flywheel.community.console;

import dev.flywheel.community.Communities;
import dev.flywheel.community.Community;
import dev.flywheel.community.CommunityInsights;
import dev.flywheel.community.CommunityResult;
import dev.flywheel.community.Suggestion;
import dev.flywheel.customer.CustomerProfile;
import dev.flywheel.customer.Customers;
import dev.flywheel.platform.security.ConsoleUser;
import java.util.List;
import java.util.Map;
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
 * Whom to invite: the manager states a target tag mix ({@code insurance:40,loan:30,wealth:30});
 * the page shows the mix now, the suggested customers and the mix once they joined, and adds the
 * chosen ones as members.
 */
@Controller
@PreAuthorize(ConsoleRoles.VIEW)
class SuggestionsPage {
  private final CommunityPages pages;
  private final Communities communities;
  private final CommunityInsights insights;
  private final Customers customers;

  SuggestionsPage(CommunityPages pages, Communities communities, CommunityInsights insights, Customers customers) {
    this.pages = pages;
    this.communities = communities;
    this.insights = insights;
    this.customers = customers;
  }

  @GetMapping("/console/communities/{id}/suggestions")
  ModelAndView suggestions(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id,
      @RequestParam(required = false) String target, @RequestParam(defaultValue = "20") int limit) {
    return pages.page(me, id, "suggestions", "community/suggestions").map(view -> {
      String spec = target == null || target.isBlank() ? defaultTarget(me.tenantId(), id) : target;
      view.addObject("target", spec);
      view.addObject("limit", Math.clamp(limit, 1, 200));
      if (!spec.isBlank()) {
        try {
          Map<String, Double> wanted = CommunityInsights.target(spec);
          Suggestion suggestion = insights.suggest(me.tenantId(), id, wanted, Math.clamp(limit, 1, 200));
          view.addObject("suggestion", suggestion);
          view.addObject("rows", rows(suggestion));
        } catch (IllegalArgumentException e) {
          view.addObject("targetError", e.getMessage());
          view.setStatus(HttpStatus.UNPROCESSABLE_CONTENT);
        }
      }
      return view;
    }).orElseGet(() -> CommunityPages.notFound(id));
  }

  @PostMapping("/console/communities/{id}/suggestions/add")
  String add(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id,
      @RequestParam(name = "customer", required = false) List<String> chosen,
      @RequestParam(required = false) String target, RedirectAttributes flash) {
    Community community = communities.find(me.tenantId(), id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    if (!ConsoleRoles.addsMembers(me, community)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "only managers, operators and admins add members");
    }
    int added = 0;
    for (String customerId : chosen == null ? List.<String>of() : chosen) {
      String name = customers.find(me.tenantId(), customerId).map(CustomerProfile::displayNameMasked).orElse(customerId);
      if (communities.join(me.tenantId(), id, customerId, name) instanceof CommunityResult.Done) {
        added++;
      }
    }
    flash.addFlashAttribute("added", added);
    return "redirect:/console/communities/" + id + "/suggestions"
        + (target == null ? "" : "?target=" + java.net.URLEncoder.encode(target, java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Per target tag: target, now and after, in percent of members. */
  record MixRow(String tag, int target, int now, int after) {}

  static List<MixRow> rows(Suggestion s) {
    Map<String, Integer> now = new java.util.HashMap<>();
    Map<String, Integer> after = new java.util.HashMap<>();
    s.before().tags().forEach(t -> now.put(t.tag(), t.percent()));
    s.after().tags().forEach(t -> after.put(t.tag(), t.percent()));
    return s.target().entrySet().stream().map(e -> new MixRow(e.getKey(), (int) Math.round(e.getValue() * 100),
        now.getOrDefault(e.getKey(), 0), after.getOrDefault(e.getKey(), 0))).toList();
  }

  /** Equal weights over the members' three most held tags, or nothing when the community is empty. */
  private String defaultTarget(long tenantId, long id) {
    return String.join(",", insights.tagMix(tenantId, id).tags().stream().limit(3).map(t -> t.tag() + ":1").toList());
  }
}
