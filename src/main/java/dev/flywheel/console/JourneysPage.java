package dev.flywheel.console;

import dev.flywheel.journey.Journey;
import dev.flywheel.journey.JourneyResult;
import dev.flywheel.journey.JourneyTemplate;
import dev.flywheel.journey.Journeys;
import dev.flywheel.platform.security.ConsoleUser;
import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.web.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

/**
 * Journeys in the console: the list and creating a journey from a built-in template's parameter
 * form. Everyone signed in may look; operators and admins may create (see {@link JourneyEditorPage}
 * for editing and publishing).
 */
@Controller
class JourneysPage {
  static final String EDIT = "hasAnyRole('OPERATOR', 'ADMIN')";
  private final Journeys journeys;

  JourneysPage(Journeys journeys) {
    this.journeys = journeys;
  }

  static boolean mayEdit(ConsoleUser me) {
    return me.roles().contains(Role.OPERATOR) || me.roles().contains(Role.ADMIN);
  }

  @GetMapping("/console/journeys")
  String list(@AuthenticationPrincipal ConsoleUser me, Model model) {
    model.addAttribute("journeys", journeys.list(me.tenantId()));
    model.addAttribute("canEdit", mayEdit(me));
    return "journeys/list";
  }

  @GetMapping("/console/journeys/new")
  @PreAuthorize(EDIT)
  String templates(Model model) {
    model.addAttribute("templates", journeys.templates());
    return "journeys/templates";
  }

  @GetMapping("/console/journeys/new/{key}")
  @PreAuthorize(EDIT)
  ModelAndView form(@PathVariable String key) {
    return template(key).map(t -> form(t, Map.of(), null, HttpStatus.OK))
        .orElseGet(() -> NotFound.page("notfound.journeyTemplate", key));
  }

  @PostMapping("/console/journeys/new/{key}")
  @PreAuthorize(EDIT)
  ModelAndView create(@AuthenticationPrincipal ConsoleUser me, @PathVariable String key,
      @RequestParam Map<String, String> form) {
    Optional<JourneyTemplate> template = template(key);
    if (template.isEmpty()) {
      return NotFound.page("notfound.journeyTemplate", key);
    }
    Map<String, Object> parameters = new LinkedHashMap<>();
    template.get().parameters().forEach(p -> {
      String value = form.get(p.name());
      if (value != null && !value.isBlank()) {
        parameters.put(p.name(), value.strip());
      }
    });
    try {
      JourneyResult result = journeys.createFromTemplate(me.tenantId(), key, parameters, me.username());
      return switch (result) {
        case JourneyResult.Done done -> new ModelAndView("redirect:/console/journeys/" + done.journey().id());
        case JourneyResult.Invalid invalid -> form(template.get(), parameters, JourneyEditorPage.issues(invalid.issues()),
            HttpStatus.UNPROCESSABLE_CONTENT);
        case JourneyResult.Refused refused -> form(template.get(), parameters, List.of(refused.detail()),
            HttpStatus.CONFLICT);
      };
    } catch (Problem problem) {
      return form(template.get(), parameters, List.of(problem.getMessage()), HttpStatus.UNPROCESSABLE_CONTENT);
    }
  }

  private Optional<JourneyTemplate> template(String key) {
    return journeys.templates().stream().filter(t -> t.key().equals(key)).findFirst();
  }

  private static ModelAndView form(JourneyTemplate template, Map<String, Object> given, List<String> errors,
      HttpStatus status) {
    Map<String, Object> values = new LinkedHashMap<>();
    template.parameters().forEach(p -> values.put(p.name(), given.getOrDefault(p.name(),
        template.defaults().getOrDefault(p.name(), ""))));
    ModelAndView view = new ModelAndView("journeys/new");
    view.addObject("template", template);
    view.addObject("values", values);
    view.addObject("errors", errors == null ? List.of() : errors);
    view.setStatus(status);
    return view;
  }

  /** The journeys' list rows need nothing else than the journey. */
  static String statusKey(Journey journey) {
    return "journeys.status." + journey.status().name();
  }
}
