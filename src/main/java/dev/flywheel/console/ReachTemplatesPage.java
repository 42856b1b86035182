package dev.flywheel.console;

import dev.flywheel.customer.CustomerSearch;
import dev.flywheel.customer.Customers;
import dev.flywheel.platform.security.ConsoleUser;
import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import dev.flywheel.reach.Channel;
import dev.flywheel.reach.MessageTemplate;
import dev.flywheel.reach.MessageTemplates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

/**
 * Reach templates: the list, a variant editor (name, weight, subject, body per copy variant, one
 * blank row to add a variant), a preview rendered for a sample customer, and per-variant results
 * (queued → delivered → clicked → converted). Everyone may look; operators and admins may save.
 */
@Controller
class ReachTemplatesPage {
  private final MessageTemplates templates;
  private final Customers customers;

  ReachTemplatesPage(MessageTemplates templates, Customers customers) {
    this.templates = templates;
    this.customers = customers;
  }

  /** One editable row of the variant editor. */
  record VariantRow(String name, String weight, String subject, String body) {}

  @GetMapping("/console/reach/templates")
  String list(@AuthenticationPrincipal ConsoleUser me, Model model) {
    model.addAttribute("templates", templates.list(me.tenantId()));
    model.addAttribute("canEdit", mayEdit(me));
    return "reach/templates";
  }

  @GetMapping("/console/reach/templates/new")
  @PreAuthorize("hasAnyRole('OPERATOR', 'ADMIN')")
  String create(@AuthenticationPrincipal ConsoleUser me, Model model) {
    return editor(me, model, null, "", "SMS", false, "",
        List.of(new VariantRow("caring", "1", "", ""), blank()), List.of());
  }

  @GetMapping("/console/reach/templates/{id}")
  ModelAndView edit(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id, Model model) {
    Optional<MessageTemplate> found = templates.find(me.tenantId(), id);
    if (found.isEmpty()) {
      return NotFound.page("notfound.reachTemplate", String.valueOf(id));
    }
    MessageTemplate t = found.get();
    List<VariantRow> rows = new ArrayList<>(t.variants().stream()
        .map(v -> new VariantRow(v.name(), String.valueOf(v.weight()), v.subject(), v.body())).toList());
    rows.add(blank());
    model.addAttribute("results", templates.results(me.tenantId(), t));
    model.addAttribute("arms", t.bestTime() ? templates.armResults(me.tenantId(), t) : List.of());
    model.addAttribute("versions", templates.versions(me.tenantId(), id));
    return new ModelAndView(editor(me, model, t, t.key(), t.channel().name(), t.bestTime(),
        t.goalEvent() == null ? "" : t.goalEvent(), rows, List.of()), model.asMap());
  }

  @PostMapping("/console/reach/templates")
  @PreAuthorize("hasAnyRole('OPERATOR', 'ADMIN')")
  ModelAndView save(@AuthenticationPrincipal ConsoleUser me, @RequestParam MultiValueMap<String, String> form,
      Model model) {
    List<VariantRow> rows = rows(form);
    String key = form.getFirst("key") == null ? "" : form.getFirst("key").strip();
    String channel = form.getFirst("channel");
    boolean bestTime = form.containsKey("bestTime");
    String goal = form.getFirst("goalEvent") == null ? "" : form.getFirst("goalEvent").strip();
    List<FieldIssue> issues = new ArrayList<>();
    Channel ch = null;
    try {
      ch = Channel.valueOf(channel);
    } catch (IllegalArgumentException | NullPointerException e) {
      issues.add(new FieldIssue("channel", "unknown-channel", String.valueOf(channel)));
    }
    List<MessageTemplate.Variant> variants = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      VariantRow r = rows.get(i);
      if (r.name().isBlank() && r.body().isBlank()) {
        continue;
      }
      int weight = r.weight().matches("\\d{1,5}") ? Integer.parseInt(r.weight()) : -1;
      variants.add(new MessageTemplate.Variant(r.name().strip(), weight, r.subject().isBlank() ? null : r.subject(),
          r.body()));
    }
    if (issues.isEmpty()) {
      try {
        MessageTemplate saved = templates.save(me.tenantId(),
            new MessageTemplate.Draft(key, ch, bestTime, goal.isEmpty() ? null : goal, variants), me.username());
        return new ModelAndView("redirect:/console/reach/templates/" + saved.id());
      } catch (Problem p) {
        issues.addAll(p.fields());
      }
    }
    Long id = form.getFirst("id") == null || form.getFirst("id").isBlank() ? null : Long.valueOf(form.getFirst("id"));
    MessageTemplate current = id == null ? null : templates.find(me.tenantId(), id).orElse(null);
    ModelAndView view = new ModelAndView(editor(me, model, current, key, channel, bestTime, goal, rows, issues),
        model.asMap());
    view.setStatus(HttpStatus.UNPROCESSABLE_CONTENT);
    return view;
  }

  /** htmx: one variant rendered for a sample customer. */
  @PostMapping("/console/reach/templates/{id}/preview")
  String preview(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id,
      @RequestParam(defaultValue = "") String variant, @RequestParam(defaultValue = "") String customer, Model model) {
    templates.find(me.tenantId(), id).ifPresent(t -> templates.preview(me.tenantId(), t, variant, customer.strip(),
        Map.of()).ifPresentOrElse(p -> model.addAttribute("preview", p), () -> model.addAttribute("noCustomer", true)));
    return "reach/preview :: result";
  }

  private String editor(ConsoleUser me, Model model, MessageTemplate template, String key, String channel,
      boolean bestTime, String goal, List<VariantRow> rows, List<FieldIssue> issues) {
    model.addAttribute("template", template);
    model.addAttribute("key", key);
    model.addAttribute("channel", channel);
    model.addAttribute("bestTime", bestTime);
    model.addAttribute("goalEvent", goal);
    model.addAttribute("rows", rows);
    model.addAttribute("issues", issues);
    model.addAttribute("channels", Channel.values());
    model.addAttribute("canEdit", mayEdit(me));
    var sample = customers.search(me.tenantId(), CustomerSearch.all(), 0, 1).items();
    model.addAttribute("sampleCustomer", sample.isEmpty() ? "" : sample.getFirst().id());
    return "reach/template";
  }

  private static List<VariantRow> rows(MultiValueMap<String, String> form) {
    List<VariantRow> rows = new ArrayList<>();
    List<String> names = form.getOrDefault("variantName", List.of());
    for (int i = 0; i < names.size(); i++) {
      rows.add(new VariantRow(names.get(i), at(form, "variantWeight", i), at(form, "variantSubject", i),
          at(form, "variantBody", i)));
    }
    return rows;
  }

  private static String at(MultiValueMap<String, String> form, String field, int i) {
    List<String> values = form.getOrDefault(field, List.of());
    return i < values.size() ? values.get(i) : "";
  }

  private static VariantRow blank() {
    return new VariantRow("", "1", "", "");
  }

  private static boolean mayEdit(ConsoleUser me) {
    return me.roles().contains(Role.OPERATOR) || me.roles().contains(Role.ADMIN);
  }
}
