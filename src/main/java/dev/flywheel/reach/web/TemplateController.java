package dev.flywheel.reach.web;

import dev.flywheel.platform.tenancy.CurrentTenant;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import dev.flywheel.reach.Channel;
import dev.flywheel.reach.MessageTemplate;
import dev.flywheel.reach.MessageTemplates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Message templates: {@code {"key", "channel", "best_time"?, "goal_event"?, "variants": [{"name",
 * "weight", "subject"?, "body"}]}}. Every save is a new version; unknown variables are a 422
 * {@code invalid-template} naming the field, e.g. {@code variants[1].body}.
 */
@RestController
@RequestMapping("/api/v1/reach/templates")
class TemplateController {
  private final CurrentTenant tenant;
  private final MessageTemplates templates;

  TemplateController(CurrentTenant tenant, MessageTemplates templates) {
    this.tenant = tenant;
    this.templates = templates;
  }

  @GetMapping
  Map<String, Object> list() {
    return Map.of("templates", templates.list(tenant.id()).stream().map(TemplateController::json).toList());
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> create(@RequestBody(required = false) Map<String, Object> body) {
    return json(templates.save(tenant.id(), draft(body, null), tenant.actor()));
  }

  @GetMapping("/{id}")
  Map<String, Object> get(@PathVariable long id) {
    return json(find(id));
  }

  /** A new version; key and channel stay those of the template. */
  @PutMapping("/{id}")
  Map<String, Object> update(@PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
    MessageTemplate current = find(id);
    return json(templates.save(tenant.id(), draft(body, current), tenant.actor()));
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void archive(@PathVariable long id) {
    if (!templates.archive(tenant.id(), id)) {
      throw Problem.notFound("template", String.valueOf(id));
    }
  }

  @GetMapping("/{id}/versions")
  Map<String, Object> versions(@PathVariable long id) {
    find(id);
    return Map.of("versions", templates.versions(tenant.id(), id));
  }

  /** {@code {"variant", "customer_id", "values"?}} → the rendered subject and body. */
  @PostMapping("/{id}/preview")
  Map<String, Object> preview(@PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
    MessageTemplate template = find(id);
    Map<String, Object> b = body == null ? Map.of() : body;
    String customer = String.valueOf(b.get("customer_id"));
    @SuppressWarnings("unchecked")
    Map<String, Object> values = b.get("values") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    var preview = templates.preview(tenant.id(), template, (String) b.get("variant"), customer, values)
        .orElseThrow(() -> Problem.notFound("customer", customer));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("subject", preview.subject());
    out.put("body", preview.body());
    return out;
  }

  @GetMapping("/{id}/results")
  Map<String, Object> results(@PathVariable long id) {
    MessageTemplate template = find(id);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("template_id", id);
    out.put("goal_event", template.goalEvent());
    out.put("variants", templates.results(tenant.id(), template).stream().map(TemplateController::json).toList());
    out.put("arms", templates.armResults(tenant.id(), template).stream().map(TemplateController::json).toList());
    return out;
  }

  private static Map<String, Object> json(dev.flywheel.reach.VariantResult r) {
    return Map.of("name", r.variant(), "queued", r.queued(), "delivered", r.delivered(), "clicked", r.clicked(),
        "converted", r.converted());
  }

  private MessageTemplate find(long id) {
    return templates.find(tenant.id(), id).orElseThrow(() -> Problem.notFound("template", String.valueOf(id)));
  }

  private static MessageTemplate.Draft draft(Map<String, Object> body, MessageTemplate current) {
    Map<String, Object> b = body == null ? Map.of() : body;
    List<FieldIssue> issues = new ArrayList<>();
    String key = current != null ? current.key() : b.get("key") instanceof String s ? s : null;
    Channel channel = current != null ? current.channel() : null;
    if (current == null) {
      try {
        channel = Channel.valueOf(String.valueOf(b.get("channel")));
      } catch (IllegalArgumentException e) {
        issues.add(new FieldIssue("channel", "unknown-channel", "one of " + List.of(Channel.values())));
      }
    }
    Object goal = b.get("goal_event");
    if (goal != null && !(goal instanceof String g && g.matches("[a-z][a-z0-9_]{0,63}"))) {
      issues.add(new FieldIssue("goal_event", "invalid", "an event type name"));
    }
    List<MessageTemplate.Variant> variants = new ArrayList<>();
    if (!(b.get("variants") instanceof List<?> list)) {
      issues.add(new FieldIssue("variants", "required", "a list of variants"));
    } else {
      for (int i = 0; i < list.size(); i++) {
        if (!(list.get(i) instanceof Map<?, ?> v)) {
          issues.add(new FieldIssue("variants[" + i + "]", "invalid", "an object {name, weight, subject?, body}"));
          continue;
        }
        Object weight = v.get("weight") == null ? 1 : v.get("weight");
        if (!(weight instanceof Integer w)) {
          issues.add(new FieldIssue("variants[" + i + "].weight", "invalid", "a whole number from 0 to 10000"));
          continue;
        }
        variants.add(new MessageTemplate.Variant(text(v.get("name")), w, text(v.get("subject")), text(v.get("body"))));
      }
    }
    MessageTemplate.Draft draft = new MessageTemplate.Draft(key, channel, Boolean.TRUE.equals(b.get("best_time")),
        goal instanceof String g ? g : null, variants);
    if (!issues.isEmpty()) {
      java.util.Set<String> reported = new java.util.HashSet<>(issues.stream().map(FieldIssue::field).toList());
      MessageTemplates.issues(draft).stream().filter(i -> !reported.contains(i.field())).forEach(issues::add);
      throw Problem.invalid("invalid-template", "The template has " + issues.size() + " problem(s)", issues);
    }
    return draft;
  }

  private static String text(Object value) {
    return value instanceof String s ? s : null;
  }

  static Map<String, Object> json(MessageTemplate t) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", t.id());
    out.put("key", t.key());
    out.put("channel", t.channel().name());
    out.put("version", t.version());
    out.put("best_time", t.bestTime());
    out.put("goal_event", t.goalEvent());
    out.put("variants", t.variants().stream().map(v -> {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("name", v.name());
      one.put("weight", v.weight());
      one.put("subject", v.subject());
      one.put("body", v.body());
      return one;
    }).toList());
    out.put("updated_at", t.updatedAt());
    return out;
  }
}
