package dev.flywheel.community.sop;

import dev.flywheel.community.CalendarSlot;
import dev.flywheel.community.Communities;
import dev.flywheel.community.ContentCalendar;
import dev.flywheel.community.SopTemplate;
import dev.flywheel.platform.tenancy.CurrentTenant;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** SOP templates and communities' weekly calendars (API key): {@code docs/api/community.md}. */
@RestController
class CalendarApi {
  private final CurrentTenant tenant;
  private final ContentCalendar calendar;
  private final Communities communities;

  CalendarApi(CurrentTenant tenant, ContentCalendar calendar, Communities communities) {
    this.tenant = tenant;
    this.calendar = calendar;
    this.communities = communities;
  }

  @PostMapping("/api/v1/community-sop-templates")
  ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) Map<String, Object> body) {
    return ResponseEntity.status(HttpStatus.CREATED).body(save(null, body));
  }

  @PutMapping("/api/v1/community-sop-templates/{id}")
  Map<String, Object> update(@PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
    return save(id, body);
  }

  private Map<String, Object> save(Long id, Map<String, Object> raw) {
    Map<String, Object> body = CalendarJson.body(raw);
    SopTemplate saved = CalendarJson.done(calendar.saveTemplate(tenant.id(), id, CalendarJson.text(body.get("name")),
        CalendarJson.text(body.get("description")), CalendarJson.slots(body.get("slots")), tenant.actor()));
    return CalendarJson.template(saved);
  }

  @GetMapping("/api/v1/community-sop-templates")
  Map<String, Object> templates() {
    return Map.of("templates", calendar.templates(tenant.id()).stream().map(CalendarJson::template).toList());
  }

  @GetMapping("/api/v1/community-sop-templates/{id}")
  Map<String, Object> template(@PathVariable long id) {
    return CalendarJson.template(calendar.template(tenant.id(), id)
        .orElseThrow(() -> Problem.notFound("SOP template", Long.toString(id))));
  }

  @PostMapping("/api/v1/communities/{id}/calendar/apply")
  ResponseEntity<Map<String, Object>> apply(@PathVariable long id,
      @RequestBody(required = false) Map<String, Object> raw) {
    Map<String, Object> body = CalendarJson.body(raw);
    if (!(body.get("template_id") instanceof Number template)) {
      throw Problem.badRequest("validation-failed", "Name the template",
          new FieldIssue("template_id", "required", "the id of a SOP template"));
    }
    LocalDate week = CalendarJson.weekOf(CalendarJson.text(body.get("week_of")), calendar.today(tenant.id()));
    List<CalendarSlot> slots = CalendarJson.done(calendar.apply(tenant.id(), id, template.longValue(), week,
        tenant.actor()));
    return ResponseEntity.status(HttpStatus.CREATED).body(week(id, week, slots));
  }

  @GetMapping("/api/v1/communities/{id}/calendar")
  Map<String, Object> calendar(@PathVariable long id, @RequestParam(name = "week_of", required = false) String weekOf) {
    LocalDate week = CalendarJson.weekOf(weekOf, calendar.today(tenant.id()));
    communities.find(tenant.id(), id).orElseThrow(() -> Problem.notFound("Community", Long.toString(id)));
    return week(id, week, calendar.week(tenant.id(), id, week));
  }

  @PostMapping("/api/v1/communities/{id}/calendar/slots/{slot}/done")
  Map<String, Object> done(@PathVariable long id, @PathVariable long slot,
      @RequestBody(required = false) Map<String, Object> raw) {
    String manager = CalendarJson.text(CalendarJson.body(raw).get("manager"));
    if (calendar.slot(tenant.id(), slot).filter(s -> s.communityId() == id).isEmpty()) {
      throw new Problem(HttpStatus.NOT_FOUND, "slot-not-found", "No slot " + slot + " in community " + id, List.of());
    }
    return CalendarJson.slot(CalendarJson.done(calendar.markDone(tenant.id(), slot, manager)));
  }

  @GetMapping("/api/v1/communities/{id}/calendar/report")
  Map<String, Object> report(@PathVariable long id, @RequestParam(name = "week_of", required = false) String weekOf) {
    LocalDate week = CalendarJson.weekOf(weekOf, calendar.today(tenant.id()));
    return CalendarJson.report(calendar.report(tenant.id(), id, week)
        .orElseThrow(() -> Problem.notFound("Community", Long.toString(id))));
  }

  private Map<String, Object> week(long id, LocalDate anyDay, List<CalendarSlot> slots) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("community_id", id);
    json.put("week_start", TenantWeeks.monday(anyDay).toString());
    json.put("zone", calendar.zone(tenant.id()).getId());
    json.put("slots", slots.stream().map(CalendarJson::slot).toList());
    return json;
  }
}
