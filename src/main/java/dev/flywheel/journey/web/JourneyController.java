package dev.flywheel.journey.web;

import dev.flywheel.journey.Journey;
import dev.flywheel.journey.JourneyDefinition;
import dev.flywheel.journey.JourneyReport;
import dev.flywheel.journey.JourneyResult;
import dev.flywheel.journey.JourneyTemplate;
import dev.flywheel.journey.Journeys;
import dev.flywheel.platform.tenancy.CurrentTenant;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Journeys for app backends and tools (API key). See {@code docs/api/journeys.md}. */
@RestController
class JourneyController {
  private final CurrentTenant tenant;
  private final Journeys journeys;

  JourneyController(CurrentTenant tenant, Journeys journeys) {
    this.tenant = tenant;
    this.journeys = journeys;
  }

  record FromTemplate(String template, Map<String, Object> parameters) {}

  @PostMapping("/api/v1/journeys")
  @ResponseStatus(HttpStatus.CREATED)
  Journey create(@RequestBody JourneyDefinition draft) {
    return journey(journeys.create(tenant.id(), draft, tenant.actor()));
  }

  @PostMapping("/api/v1/journeys/from-template")
  @ResponseStatus(HttpStatus.CREATED)
  Journey fromTemplate(@RequestBody FromTemplate request) {
    return journey(journeys.createFromTemplate(tenant.id(), request.template(), request.parameters(), tenant.actor()));
  }

  @GetMapping("/api/v1/journeys")
  List<Journey> list() {
    return journeys.list(tenant.id());
  }

  @GetMapping("/api/v1/journeys/{id}")
  Journey get(@PathVariable long id) {
    return journeys.find(tenant.id(), id).orElseThrow(() -> Problem.notFound("journey", String.valueOf(id)));
  }

  @PutMapping("/api/v1/journeys/{id}")
  Journey update(@PathVariable long id, @RequestBody JourneyDefinition draft) {
    return journey(journeys.update(tenant.id(), id, draft));
  }

  @PostMapping("/api/v1/journeys/{id}/publish")
  Journey publish(@PathVariable long id) {
    return journey(journeys.publish(tenant.id(), id, tenant.actor()));
  }

  @PostMapping("/api/v1/journeys/{id}/pause")
  Journey pause(@PathVariable long id) {
    return journey(journeys.pause(tenant.id(), id));
  }

  @PostMapping("/api/v1/journeys/{id}/resume")
  Journey resume(@PathVariable long id) {
    return journey(journeys.resume(tenant.id(), id));
  }

  @GetMapping("/api/v1/journeys/{id}/report")
  JourneyReport report(@PathVariable long id) {
    return journeys.report(tenant.id(), id);
  }

  @GetMapping("/api/v1/journey-templates")
  List<JourneyTemplate> templates() {
    return journeys.templates();
  }

  /**
   * Invalid definitions are 422 with every field at fault (top-level code the fields' code when
   * they share one, else {@code invalid-journey}); refusals are 409.
   */
  static Journey journey(JourneyResult result) {
    return switch (result) {
      case JourneyResult.Done done -> done.journey();
      case JourneyResult.Invalid invalid -> {
        List<FieldIssue> issues = invalid.issues();
        String code = issues.stream().map(FieldIssue::code).distinct().count() == 1 ? issues.getFirst().code()
            : "invalid-journey";
        String detail = issues.size() == 1 ? issues.getFirst().message()
            : "The journey has " + issues.size() + " problems; see errors";
        throw Problem.invalid(code, detail, issues);
      }
      case JourneyResult.Refused refused -> throw Problem.conflict(refused.code(), refused.detail());
    };
  }
}
