package dev.flywheel.console;

import dev.flywheel.campaign.CampaignPlan;
import dev.flywheel.campaign.CampaignResult;
import dev.flywheel.campaign.Campaigns;
import dev.flywheel.campaign.PromotionChannels;
import dev.flywheel.campaign.TemplateDescription;
import dev.flywheel.customer.Segments;
import dev.flywheel.event.EventType;
import dev.flywheel.event.EventTypes;
import dev.flywheel.platform.security.ConsoleUser;
import dev.flywheel.platform.web.FieldIssue;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A new campaign from an activity template: the template list, then a form generated from the
 * template's parameter schema plus the plan fields. Saving creates a DRAFT; when the campaign
 * module answers {@code Invalid}, the form comes back (422) with every issue next to its field and
 * nothing is saved. Operators only.
 */
@Controller
@PreAuthorize(CampaignRoles.EDIT)
class NewCampaignPage {
  private final Campaigns campaigns;
  private final Segments segments;
  private final EventTypes eventTypes;
  private final CampaignMessages messages;
  private final TenantCalendar calendar;
  private final AssetAmounts amounts;

  NewCampaignPage(Campaigns campaigns, Segments segments, EventTypes eventTypes, CampaignMessages messages,
      TenantCalendar calendar, AssetAmounts amounts) {
    this.campaigns = campaigns;
    this.segments = segments;
    this.eventTypes = eventTypes;
    this.messages = messages;
    this.calendar = calendar;
    this.amounts = amounts;
  }

  @GetMapping("/console/campaigns/new")
  String templates(Model model) {
    model.addAttribute("templates", campaigns.templates());
    return "console/campaigns/templates";
  }

  @GetMapping("/console/campaigns/new/{template}")
  ModelAndView form(@AuthenticationPrincipal ConsoleUser me, @PathVariable String template) {
    Optional<TemplateDescription> found = find(template);
    if (found.isEmpty()) {
      return NotFound.page("notfound.template", template);
    }
    return form(me, found.get(), defaults(found.get(), calendar.zone(me.tenantId())), List.of(), null, HttpStatus.OK);
  }

  @PostMapping("/console/campaigns/new/{template}")
  ModelAndView create(@AuthenticationPrincipal ConsoleUser me, @PathVariable String template,
      @RequestParam MultiValueMap<String, String> form, RedirectAttributes flash) {
    Optional<TemplateDescription> found = find(template);
    if (found.isEmpty()) {
      return NotFound.page("notfound.template", template);
    }
    CampaignForm read = new CampaignForm(form, calendar.zone(me.tenantId()), amounts);
    CampaignPlan plan = read.plan(me.username());
    Map<String, Object> parameters = read.parameters(found.get().parameters());
    if (!read.issues().isEmpty()) {
      return form(me, found.get(), form, read.issues(), null, HttpStatus.UNPROCESSABLE_CONTENT);
    }
    return switch (campaigns.createFromTemplate(me.tenantId(), template, parameters, plan, me.username())) {
      case CampaignResult.Done done -> {
        flash.addFlashAttribute("notice", "campaign.done.create");
        yield new ModelAndView("redirect:/console/campaigns/" + done.campaign().id());
      }
      case CampaignResult.Invalid invalid -> form(me, found.get(), form, invalid.issues(), null,
          HttpStatus.UNPROCESSABLE_CONTENT);
      case CampaignResult.Refused refused -> form(me, found.get(), form, List.of(), messages.refusal(refused),
          HttpStatus.CONFLICT);
    };
  }

  private ModelAndView form(ConsoleUser me, TemplateDescription template, MultiValueMap<String, String> values,
      List<FieldIssue> issues, String problem, HttpStatus status) {
    ModelAndView view = new ModelAndView("console/campaigns/new");
    view.addObject("template", template);
    view.addObject("values", values.toSingleValueMap());
    view.addObject("chosenChannels", values.getOrDefault("channels", List.of()));
    view.addObject("errors", messages.byField(issues));
    view.addObject("issues", messages.show(issues));
    view.addObject("problem", problem);
    view.addObject("channels", PromotionChannels.ALL);
    view.addObject("windowFields", CampaignForm.WINDOW_FIELDS);
    view.addObject("assets", dev.flywheel.campaign.Asset.values());
    view.addObject("segments", segments.list(me.tenantId()));
    view.addObject("eventTypes", eventTypes.list(me.tenantId()).stream().map(EventType::name).toList());
    view.addObject("zone", calendar.zone(me.tenantId()));
    view.setStatus(status);
    return view;
  }

  /** Starts tomorrow 00:00 for 30 days; the template's defaults filled in. */
  private MultiValueMap<String, String> defaults(TemplateDescription template, ZoneId zone) {
    MultiValueMap<String, String> values = new LinkedMultiValueMap<>();
    LocalDateTime start = calendar.now(zone).truncatedTo(ChronoUnit.DAYS).plusDays(1);
    values.add("window.starts_at", start.toString());
    values.add("window.ends_at", start.plusDays(30).toString());
    values.add("priority", "0");
    Map<String, String> params = new LinkedHashMap<>();
    template.parameters().forEach(p -> {
      if (p.defaultValue() instanceof List<?> list) {
        params.put(p.name(), String.join(", ", list.stream().map(String::valueOf).toList()));
      } else if (p.defaultValue() != null) {
        params.put(p.name(), String.valueOf(p.defaultValue()));
      }
    });
    params.forEach((k, v) -> values.add("parameters." + k, v));
    return values;
  }

  private Optional<TemplateDescription> find(String key) {
    return campaigns.templates().stream().filter(t -> t.key().equals(key)).findFirst();
  }
}
