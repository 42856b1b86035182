package dev.flywheel.console;

import dev.flywheel.campaign.Campaign;
import dev.flywheel.campaign.CampaignResult;
import dev.flywheel.campaign.CampaignStatus;
import dev.flywheel.campaign.Campaigns;
import dev.flywheel.customer.Segments;
import dev.flywheel.ledger.Asset;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.platform.security.ConsoleUser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The campaign list and a campaign's page: plan, rules, versions, audit trail, budget, and the
 * decisions the signed-in person may take (see {@link CampaignRoles}). Decisions are form posts
 * (CSRF token in the form); success redirects with a notice, a refusal re-renders the page with
 * the module's reason (403 for self-approval, 409 otherwise).
 */
@Controller
class CampaignsPage {
  static final int LIST_LIMIT = 200;
  private final Campaigns campaigns;
  private final Ledger ledger;
  private final Segments segments;
  private final CampaignViews views;
  private final CampaignCharts charts;
  private final CampaignMessages messages;
  private final TenantCalendar calendar;
  private final DryRunPanel figures;

  CampaignsPage(Campaigns campaigns, Ledger ledger, Segments segments, CampaignViews views, CampaignCharts charts,
      CampaignMessages messages, TenantCalendar calendar, DryRunPanel figures) {
    this.figures = figures;
    this.campaigns = campaigns;
    this.ledger = ledger;
    this.segments = segments;
    this.views = views;
    this.charts = charts;
    this.messages = messages;
    this.calendar = calendar;
  }

  /** A campaign in the list with its budget burn. */
  record Row(Campaign campaign, List<CampaignViews.BudgetLine> budget) {}

  @GetMapping("/console/campaigns")
  String list(@AuthenticationPrincipal ConsoleUser me, @RequestParam(required = false) String status, Model model) {
    CampaignStatus filter = parseStatus(status);
    model.addAttribute("rows", campaigns.list(me.tenantId(), filter, LIST_LIMIT).stream()
        .map(c -> new Row(c, views.budget(me.tenantId(), c))).toList());
    model.addAttribute("statuses", CampaignStatus.values());
    model.addAttribute("status", filter);
    model.addAttribute("roles", CampaignRoles.of(me));
    model.addAttribute("zone", calendar.zone(me.tenantId()));
    return "console/campaigns/list";
  }

  @GetMapping("/console/campaigns/{id}")
  ModelAndView campaign(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id) {
    return page(me, id, null, List.of(), HttpStatus.OK);
  }

  @PostMapping("/console/campaigns/{id}/submit")
  @PreAuthorize(CampaignRoles.EDIT)
  ModelAndView submit(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id, RedirectAttributes flash) {
    return outcome(me, id, "submit", campaigns.submit(me.tenantId(), id, me.username()), null, flash);
  }

  @PostMapping("/console/campaigns/{id}/approve")
  @PreAuthorize(CampaignRoles.DECIDE)
  ModelAndView approve(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id,
      @RequestParam(defaultValue = "") String comment, @RequestParam(required = false) String back,
      RedirectAttributes flash) {
    return outcome(me, id, "approve", campaigns.approve(me.tenantId(), id, me.username(), blankToNull(comment)), back,
        flash);
  }

  @PostMapping("/console/campaigns/{id}/reject")
  @PreAuthorize(CampaignRoles.DECIDE)
  ModelAndView reject(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id,
      @RequestParam(defaultValue = "") String comment, @RequestParam(required = false) String back,
      RedirectAttributes flash) {
    if (comment.isBlank()) {
      String text = messages.refusal(new CampaignResult.Refused("comment-required", "a rejection needs a comment"));
      return refused(me, id, back, text, HttpStatus.UNPROCESSABLE_CONTENT, flash);
    }
    return outcome(me, id, "reject", campaigns.reject(me.tenantId(), id, me.username(), comment.strip()), back, flash);
  }

  @PostMapping("/console/campaigns/{id}/pause")
  @PreAuthorize(CampaignRoles.PAUSE)
  ModelAndView pause(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id,
      @RequestParam(defaultValue = "") String comment, RedirectAttributes flash) {
    return outcome(me, id, "pause", campaigns.pause(me.tenantId(), id, me.username(), blankToNull(comment)), null,
        flash);
  }

  @PostMapping("/console/campaigns/{id}/resume")
  @PreAuthorize(CampaignRoles.PAUSE)
  ModelAndView resume(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id,
      @RequestParam(defaultValue = "") String comment, RedirectAttributes flash) {
    return outcome(me, id, "resume", campaigns.resume(me.tenantId(), id, me.username(), blankToNull(comment)), null,
        flash);
  }

  /**
   * Funds each asset of the approved plan's budget up to what the plan says (nothing funds a
   * budget on approval: the ledger's {@code fund} is an explicit, non-idempotent act, so we top up
   * the difference rather than fund the whole amount again).
   */
  @PostMapping("/console/campaigns/{id}/fund")
  @PreAuthorize(CampaignRoles.FUND)
  ModelAndView fund(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id, RedirectAttributes flash) {
    Optional<Campaign> found = campaigns.find(me.tenantId(), id);
    if (found.isEmpty()) {
      return NotFound.page("notfound.campaign", String.valueOf(id));
    }
    Campaign c = found.get();
    if (!c.status().isApproved()) {
      return refused(me, id, null, messages.refusal(new CampaignResult.Refused("not-approved", c.status().name())),
          HttpStatus.CONFLICT, flash);
    }
    long funded = 0;
    for (CampaignViews.BudgetLine line : views.budget(me.tenantId(), c)) {
      if (line.toFund() > 0) {
        ledger.fund(me.tenantId(), id, Asset.valueOf(line.asset()), line.toFund(), me.username());
        funded++;
      }
    }
    flash.addFlashAttribute("notice", funded > 0 ? "campaign.done.fund" : "campaign.done.fundNothing");
    return new ModelAndView("redirect:/console/campaigns/" + id);
  }

  private ModelAndView outcome(ConsoleUser me, long id, String action, CampaignResult result, String back,
      RedirectAttributes flash) {
    return switch (result) {
      case CampaignResult.Done done -> {
        flash.addFlashAttribute("notice", "campaign.done." + action);
        yield new ModelAndView("redirect:" + target(id, back));
      }
      case CampaignResult.Refused refused -> refused(me, id, back, messages.refusal(refused),
          "self-approval".equals(refused.code()) ? HttpStatus.FORBIDDEN : HttpStatus.CONFLICT, flash);
      case CampaignResult.Invalid invalid -> page(me, id, null, invalid.issues().stream().map(messages::show).toList(),
          HttpStatus.UNPROCESSABLE_CONTENT);
    };
  }

  private ModelAndView refused(ConsoleUser me, long id, String back, String text, HttpStatus status,
      RedirectAttributes flash) {
    if ("approvals".equals(back)) {
      flash.addFlashAttribute("problem", text);
      return new ModelAndView("redirect:/console/approvals");
    }
    return page(me, id, text, List.of(), status);
  }

  private static String target(long id, String back) {
    return "approvals".equals(back) ? "/console/approvals" : "/console/campaigns/" + id;
  }

  private ModelAndView page(ConsoleUser me, long id, String problem, List<CampaignMessages.Shown> issues,
      HttpStatus status) {
    Optional<Campaign> found = campaigns.find(me.tenantId(), id);
    if (found.isEmpty()) {
      return NotFound.page("notfound.campaign", String.valueOf(id));
    }
    Campaign c = found.get();
    ModelAndView view = new ModelAndView("console/campaigns/detail");
    List<CampaignViews.BudgetLine> budget = views.budget(me.tenantId(), c);
    view.addObject("campaign", c);
    view.addObject("plan", c.plan());
    view.addObject("rules", views.rules(c.plan()));
    view.addObject("activeRules", c.activeVersion() != null && c.activeVersion() != c.latestVersion()
        ? c.activePlan().map(views::rules).orElse(null) : null);
    view.addObject("audit", campaigns.audit(me.tenantId(), id).reversed());
    view.addObject("budget", budget);
    view.addObject("budgetChart", budget.stream().anyMatch(l -> l.funded() > 0) ? charts.budget(budget) : null);
    view.addObject("canFund", budget.stream().anyMatch(l -> l.toFund() > 0));
    view.addObject("segment", c.plan().segmentId() == null ? null
        : segments.find(me.tenantId(), c.plan().segmentId()).map(s -> s.name()).orElse("#" + c.plan().segmentId()));
    view.addObject("roles", CampaignRoles.of(me));
    view.addObject("problem", problem);
    view.addObject("issues", issues);
    view.addObject("zone", calendar.zone(me.tenantId()));
    view.addObject("offersDryRun", DryRunPanel.offersDryRun(c));
    view.addObject("dryRunDays", figures.defaultDays(calendar.zone(me.tenantId())));
    view.addObject("live", figures.live(me.tenantId(), c).orElse(null));
    view.setStatus(status);
    return view;
  }

  static CampaignStatus parseStatus(String status) {
    if (status == null || status.isBlank()) {
      return null;
    }
    Map<String, CampaignStatus> known = java.util.Arrays.stream(CampaignStatus.values())
        .collect(Collectors.toMap(Enum::name, s -> s));
    return known.get(status.strip().toUpperCase(java.util.Locale.ROOT));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
