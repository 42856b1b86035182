package dev.flywheel.console;

import dev.flywheel.journey.Journey;
import dev.flywheel.journey.JourneyDefinition;
import dev.flywheel.journey.JourneyResult;
import dev.flywheel.journey.Journeys;
import dev.flywheel.platform.security.ConsoleUser;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.journey.StepType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One journey: its steps as a list, a form per step (add, remove, reorder; checked on save with
 * each issue next to its field), the draft as JSON for advanced edits, versions, and the
 * publish / pause / resume buttons.
 */
@Controller
class JourneyEditorPage {
  private static final java.util.regex.Pattern STEP_FIELD = java.util.regex.Pattern.compile("steps\\[(\\d+)]\\.([a-z_]+)");
  private final Journeys journeys;
  private final JsonMapper json;

  JourneyEditorPage(Journeys journeys, JsonMapper json) {
    this.journeys = journeys;
    this.json = json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
  }

  static List<String> issues(List<FieldIssue> issues) {
    return issues.stream().map(i -> (i.field().isEmpty() ? "" : i.field() + ": ") + i.message()).toList();
  }

  @GetMapping("/console/journeys/{id}")
  ModelAndView journey(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id) {
    return journeys.find(me.tenantId(), id).map(j -> view(me, j, json.writeValueAsString(j.draft()), List.of(),
        HttpStatus.OK)).orElseGet(() -> NotFound.page("notfound.journey", String.valueOf(id)));
  }

  @PostMapping("/console/journeys/{id}/draft")
  @PreAuthorize(JourneysPage.EDIT)
  ModelAndView save(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id,
      @RequestParam(defaultValue = "") String definition) {
    Optional<Journey> journey = journeys.find(me.tenantId(), id);
    if (journey.isEmpty()) {
      return NotFound.page("notfound.journey", String.valueOf(id));
    }
    JourneyDefinition draft;
    try {
      draft = json.readValue(definition, JourneyDefinition.class);
    } catch (JacksonException e) {
      return view(me, journey.get(), definition, List.of(e.getOriginalMessage()), HttpStatus.UNPROCESSABLE_CONTENT);
    }
    return after(me, id, journeys.update(me.tenantId(), id, draft), definition);
  }

  /**
   * The step forms: {@code action} is {@code save}, {@code add} (with {@code new_type}),
   * {@code remove-i}, {@code up-i} or {@code down-i}; only {@code save} stores the draft, the
   * others show the changed list again.
   */
  @PostMapping("/console/journeys/{id}/steps")
  @PreAuthorize(JourneysPage.EDIT)
  ModelAndView steps(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id,
      @RequestParam MultiValueMap<String, String> form) {
    Optional<Journey> journey = journeys.find(me.tenantId(), id);
    if (journey.isEmpty()) {
      return NotFound.page("notfound.journey", String.valueOf(id));
    }
    List<Map<String, String>> rows = new ArrayList<>(StepForm.rows(form));
    String action = String.valueOf(form.getFirst("action"));
    if (!action.equals("save")) {
      edit(rows, action, form.getFirst("new_type"));
      return view(me, journey.get(), json.writeValueAsString(journey.get().draft()), rows, List.of(), HttpStatus.OK);
    }
    StepForm.Parsed parsed = StepForm.parse(rows, json);
    List<FieldIssue> issues = parsed.issues();
    if (issues.isEmpty()) {
      JourneyDefinition d = journey.get().draft();
      JourneyDefinition draft = new JourneyDefinition(d.name(), d.description(), d.trigger(), d.goal(), d.reentry(),
          parsed.steps(), d.milestones(), d.targets());
      JourneyResult result = journeys.update(me.tenantId(), id, draft);
      switch (result) {
        case JourneyResult.Done done -> {
          return new ModelAndView("redirect:/console/journeys/" + id);
        }
        case JourneyResult.Invalid invalid -> issues = invalid.issues();
        case JourneyResult.Refused refused -> issues = List.of(new FieldIssue("", refused.code(), refused.detail()));
      }
    }
    return view(me, journey.get(), json.writeValueAsString(journey.get().draft()), rows, issues,
        HttpStatus.UNPROCESSABLE_CONTENT);
  }

  private static void edit(List<Map<String, String>> rows, String action, String newType) {
    if (action.equals("add")) {
      rows.add(StepForm.blank(StepType.valueOf(newType == null ? "SEND" : newType), rows));
      return;
    }
    int dash = action.lastIndexOf('-');
    int i = dash < 0 ? -1 : Integer.parseInt(action.substring(dash + 1));
    String verb = dash < 0 ? "" : action.substring(0, dash);
    if (i < 0 || i >= rows.size()) {
      return;
    }
    switch (verb) {
      case "remove" -> rows.remove(i);
      case "up" -> {
        if (i > 0) {
          Collections.swap(rows, i, i - 1);
        }
      }
      case "down" -> {
        if (i + 1 < rows.size()) {
          Collections.swap(rows, i, i + 1);
        }
      }
      default -> { }
    }
  }

  @PostMapping("/console/journeys/{id}/publish")
  @PreAuthorize(JourneysPage.EDIT)
  ModelAndView publish(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id) {
    return after(me, id, journeys.publish(me.tenantId(), id, me.username()), null);
  }

  @PostMapping("/console/journeys/{id}/pause")
  @PreAuthorize(JourneysPage.EDIT)
  ModelAndView pause(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id) {
    return after(me, id, journeys.pause(me.tenantId(), id), null);
  }

  @PostMapping("/console/journeys/{id}/resume")
  @PreAuthorize(JourneysPage.EDIT)
  ModelAndView resume(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id) {
    return after(me, id, journeys.resume(me.tenantId(), id), null);
  }

  /** True when {@code field} is {@code steps[i].name} and row i shows an input {@code name}. */
  private static boolean onStepField(String field, List<Map<String, String>> rows) {
    java.util.regex.Matcher m = STEP_FIELD.matcher(field);
    if (!m.matches() || Integer.parseInt(m.group(1)) >= rows.size()) {
      return false;
    }
    String name = m.group(2);
    String type = rows.get(Integer.parseInt(m.group(1))).getOrDefault("type", "");
    return StepForm.INPUTS.getOrDefault(type, List.of()).contains(name);
  }

  private ModelAndView after(ConsoleUser me, long id, JourneyResult result, String text) {
    return switch (result) {
      case JourneyResult.Done done -> new ModelAndView("redirect:/console/journeys/" + done.journey().id());
      case JourneyResult.Invalid invalid -> failed(me, id, text, issues(invalid.issues()));
      case JourneyResult.Refused refused -> failed(me, id, text, List.of(refused.detail()));
    };
  }

  private ModelAndView failed(ConsoleUser me, long id, String text, List<String> errors) {
    Journey journey = journeys.find(me.tenantId(), id).orElseThrow();
    return view(me, journey, text == null ? json.writeValueAsString(journey.draft()) : text, errors,
        HttpStatus.UNPROCESSABLE_CONTENT);
  }

  private ModelAndView view(ConsoleUser me, Journey journey, String text, List<String> errors, HttpStatus status) {
    return view(me, journey, text, StepForm.rows(journey.draft().steps(), json), List.of(), status, errors);
  }

  /** The editor with the step forms as {@code rows}; issues on a step field show next to it, the rest on top. */
  private ModelAndView view(ConsoleUser me, Journey journey, String text, List<Map<String, String>> rows,
      List<FieldIssue> issues, HttpStatus status) {
    return view(me, journey, text, rows, issues, status, List.of());
  }

  private ModelAndView view(ConsoleUser me, Journey journey, String text, List<Map<String, String>> rows,
      List<FieldIssue> issues, HttpStatus status, List<String> errors) {
    Map<String, String> fieldErrors = new HashMap<>();
    List<String> general = new ArrayList<>(errors);
    for (FieldIssue issue : issues) {
      if (onStepField(issue.field(), rows)) {
        fieldErrors.merge(issue.field(), issue.message(), (a, b) -> a + "; " + b);
      } else {
        general.addAll(issues(List.of(issue)));
      }
    }
    ModelAndView view = new ModelAndView("journeys/editor");
    view.addObject("journey", journey);
    view.addObject("definition", text);
    view.addObject("rows", rows);
    view.addObject("fieldErrors", fieldErrors);
    view.addObject("stepFields", StepForm.INPUTS);
    view.addObject("choices", StepForm.CHOICES);
    view.addObject("stepTypes", StepType.values());
    view.addObject("errors", general);
    view.addObject("canEdit", JourneysPage.mayEdit(me));
    view.setStatus(status);
    return view;
  }
}
