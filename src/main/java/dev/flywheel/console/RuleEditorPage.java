package dev.flywheel.console;

import dev.flywheel.campaign.Campaign;
import dev.flywheel.campaign.CampaignPlan;
import dev.flywheel.campaign.CampaignResult;
import dev.flywheel.campaign.Campaigns;
import dev.flywheel.campaign.EffectDefinition;
import dev.flywheel.campaign.RuleDefinition;
import dev.flywheel.platform.security.ConsoleUser;
import dev.flywheel.platform.web.FieldIssue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The rule editor: a draft's rules, or a new version of an approved campaign's rules (which then
 * waits for approval while the approved version keeps serving). Conditions and grant amounts are
 * edited as CEL; while the operator types, htmx posts the form (debounced) to {@code check}, which
 * answers with the module's own check ({@link Campaigns#check}: compile errors with rule, line and
 * column, budgets, window, overlap, state) without saving or locking anything. Rule ids, triggers and other effects are kept as they are. Operators only.
 */
@Controller
@PreAuthorize(CampaignRoles.EDIT)
class RuleEditorPage {
  private static final java.util.Set<String> STATE_CODES = java.util.Set.of("campaign-ended", "approval-pending",
      "exclusive-overlap");
  private final Campaigns campaigns;
  private final CampaignMessages messages;

  RuleEditorPage(Campaigns campaigns, CampaignMessages messages) {
    this.campaigns = campaigns;
    this.messages = messages;
  }

  @GetMapping("/console/campaigns/{id}/rules")
  ModelAndView edit(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id) {
    return campaigns.find(me.tenantId(), id).map(c -> editor(c, c.plan().rules(), List.of(), null, HttpStatus.OK))
        .orElseGet(() -> NotFound.page("notfound.campaign", String.valueOf(id)));
  }

  /** htmx: the edited rules checked by the campaign module; a fragment, nothing saved. */
  @PostMapping("/console/campaigns/{id}/rules/check")
  String check(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id,
      @RequestParam MultiValueMap<String, String> form, Model model) {
    Optional<Campaign> found = campaigns.find(me.tenantId(), id);
    if (found.isEmpty()) {
      model.addAttribute("problem", messages.refusal(new CampaignResult.Refused("not-found", String.valueOf(id))));
      return "console/campaigns/rule-check :: result";
    }
    CampaignPlan plan = found.get().plan();
    List<RuleDefinition> rules = edited(plan.rules(), form);
    List<FieldIssue> issues = campaigns.check(me.tenantId(), id, plan.withRules(rules));
    // what update would refuse as a whole (state, overlap) shows as a refusal, the rest per field
    List<FieldIssue> refusals = issues.stream().filter(i -> STATE_CODES.contains(i.code())).toList();
    if (issues.isEmpty()) {
      model.addAttribute("ok", true);
    } else if (!refusals.isEmpty()) {
      model.addAttribute("problem", messages.refusal(new CampaignResult.Refused(refusals.getFirst().code(),
          refusals.getFirst().message())));
    } else {
      model.addAttribute("issues", messages.show(issues));
    }
    return "console/campaigns/rule-check :: result";
  }

  @PostMapping("/console/campaigns/{id}/rules")
  ModelAndView save(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id,
      @RequestParam MultiValueMap<String, String> form, RedirectAttributes flash) {
    Optional<Campaign> found = campaigns.find(me.tenantId(), id);
    if (found.isEmpty()) {
      return NotFound.page("notfound.campaign", String.valueOf(id));
    }
    Campaign c = found.get();
    List<RuleDefinition> rules = edited(c.plan().rules(), form);
    return switch (campaigns.update(me.tenantId(), id, c.plan().withRules(rules), me.username())) {
      case CampaignResult.Done done -> {
        flash.addFlashAttribute("notice", done.campaign().pendingVersion() != null
            ? "campaign.done.rulesPending" : "campaign.done.rules");
        yield new ModelAndView("redirect:/console/campaigns/" + id);
      }
      case CampaignResult.Invalid invalid -> editor(c, rules, invalid.issues(), null, HttpStatus.UNPROCESSABLE_CONTENT);
      case CampaignResult.Refused refused -> editor(c, rules, List.of(), messages.refusal(refused), HttpStatus.CONFLICT);
    };
  }

  private ModelAndView editor(Campaign c, List<RuleDefinition> rules, List<FieldIssue> issues, String problem,
      HttpStatus status) {
    ModelAndView view = new ModelAndView("console/campaigns/rules");
    view.addObject("campaign", c);
    view.addObject("rules", rules);
    view.addObject("issues", messages.show(issues));
    view.addObject("problem", problem);
    view.setStatus(status);
    return view;
  }

  /**
   * The stored rules with the typed conditions ({@code condition.<i>}) and grant amounts
   * ({@code amount.<i>.<j>}) put in; everything else as stored.
   */
  static List<RuleDefinition> edited(List<RuleDefinition> stored, MultiValueMap<String, String> form) {
    List<RuleDefinition> rules = new ArrayList<>();
    for (int i = 0; i < stored.size(); i++) {
      RuleDefinition r = stored.get(i);
      String condition = form.getFirst("condition." + i);
      List<EffectDefinition> effects = new ArrayList<>();
      for (int j = 0; j < r.effects().size(); j++) {
        EffectDefinition e = r.effects().get(j);
        String amount = form.getFirst("amount." + i + "." + j);
        if (e instanceof EffectDefinition.Grant g && amount != null) {
          e = new EffectDefinition.Grant(g.asset(), amount.strip(), g.couponTemplate(), g.pendingDays(), g.recipient());
        }
        effects.add(e);
      }
      rules.add(new RuleDefinition(r.id(), r.name(), r.trigger(), condition == null ? r.condition() : condition.strip(),
          effects));
    }
    return rules;
  }
}
