package dev.flywheel.console;

import dev.flywheel.journey.Journey;
import dev.flywheel.journey.JourneyDefinition;
import dev.flywheel.journey.JourneyResult;
import dev.flywheel.journey.Journeys;
import dev.flywheel.platform.security.ConsoleUser;
import dev.flywheel.platform.web.FieldIssue;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One journey: its steps as a list, the draft as an editable JSON document (checked on save with
 * every field at fault listed), versions, and the publish / pause / resume buttons.
 */
@Controller
class JourneyEditorPage {
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
    ModelAndView view = new ModelAndView("journeys/editor");
    view.addObject("journey", journey);
    view.addObject("definition", text);
    view.addObject("errors", errors);
    view.addObject("canEdit", JourneysPage.mayEdit(me));
    view.setStatus(status);
    return view;
  }
}
