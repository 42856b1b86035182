package dev.flywheel.console;

import dev.flywheel.customer.LoanStage;
import dev.flywheel.platform.security.ConsoleUser;
import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import dev.flywheel.reach.Channel;
import dev.flywheel.reach.ContactPolicies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Reach settings: caps per channel and in total, minimum interval, quiet hours, which channels
 * each loan stage (and H5-only customers) may get, the SMS opt-out text. The form posts the same
 * fields as {@code PUT /api/v1/reach/settings} and shows its field problems. Admins and operators
 * may save.
 */
@Controller
class ReachSettingsPage {
  private final ContactPolicies policies;

  ReachSettingsPage(ContactPolicies policies) {
    this.policies = policies;
  }

  @GetMapping("/console/reach/settings")
  String show(@AuthenticationPrincipal ConsoleUser me, Model model) {
    return page(me, model, policies.json(me.tenantId()), List.of(), false);
  }

  @PostMapping("/console/reach/settings")
  @PreAuthorize("hasAnyRole('OPERATOR', 'ADMIN')")
  ModelAndView save(@AuthenticationPrincipal ConsoleUser me, @RequestParam MultiValueMap<String, String> form,
      Model model) {
    Map<String, Object> settings = settings(form);
    try {
      policies.update(me.tenantId(), settings, me.username());
      return new ModelAndView(page(me, model, policies.json(me.tenantId()), List.of(), true), model.asMap());
    } catch (Problem p) {
      ModelAndView view = new ModelAndView(page(me, model, policies.json(me.tenantId()), p.fields(), false),
          model.asMap());
      view.setStatus(HttpStatus.UNPROCESSABLE_CONTENT);
      return view;
    }
  }

  private String page(ConsoleUser me, Model model, Map<String, Object> settings, List<FieldIssue> issues,
      boolean saved) {
    model.addAttribute("settings", settings);
    model.addAttribute("channels", Channel.values());
    model.addAttribute("stages", LoanStage.values());
    model.addAttribute("issues", issues);
    model.addAttribute("saved", saved);
    model.addAttribute("canEdit", me.roles().contains(Role.OPERATOR) || me.roles().contains(Role.ADMIN));
    return "reach/settings";
  }

  /** The form's fields as the settings JSON: blank numbers mean "no cap". */
  static Map<String, Object> settings(MultiValueMap<String, String> form) {
    Map<String, Object> caps = new LinkedHashMap<>();
    for (Channel c : Channel.values()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("per_day", number(form.getFirst("cap." + c + ".day")));
      one.put("per_week", number(form.getFirst("cap." + c + ".week")));
      caps.put(c.name(), one);
    }
    Map<String, Object> stages = new LinkedHashMap<>();
    for (LoanStage s : LoanStage.values()) {
      stages.put(s.name(), form.getOrDefault("stage." + s, List.of()));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("caps", caps);
    out.put("total_per_day", number(form.getFirst("totalPerDay")));
    out.put("total_per_week", number(form.getFirst("totalPerWeek")));
    out.put("min_interval_minutes", orZero(form.getFirst("minInterval")));
    out.put("quiet_hours", Map.of("start", String.valueOf(form.getFirst("quietStart")),
        "end", String.valueOf(form.getFirst("quietEnd")), "channels", form.getOrDefault("quietChannel", List.of())));
    out.put("stage_channels", stages);
    out.put("h5_only_channels", new ArrayList<>(form.getOrDefault("h5Channel", List.of())));
    out.put("opt_out_text", form.getFirst("optOutText") == null ? "" : form.getFirst("optOutText"));
    out.put("fixed_send_hour", orZero(form.getFirst("fixedHour")));
    return out;
  }

  private static Object number(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static Object orZero(String value) {
    return value == null || value.isBlank() ? "0" : value.strip();
  }
}
