package dev.flywheel.community.library;

import dev.flywheel.community.ActivityLibrary;
import dev.flywheel.community.SopMode;
import dev.flywheel.community.sop.CalendarJson;
import dev.flywheel.platform.tenancy.CurrentTenant;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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

/** The activity library (API key): {@code docs/api/community.md}. */
@RestController
class LibraryApi {
  private static final String BASE = "/api/v1/community-library";
  private final CurrentTenant tenant;
  private final ActivityLibrary library;

  LibraryApi(CurrentTenant tenant, ActivityLibrary library) {
    this.tenant = tenant;
    this.library = library;
  }

  @PostMapping(BASE)
  ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) Map<String, Object> body) {
    return ResponseEntity.status(HttpStatus.CREATED).body(LibraryJson.activity(CalendarJson.done(
        library.create(tenant.id(), LibraryJson.script(CalendarJson.body(body)), tenant.actor()))));
  }

  @PutMapping(BASE + "/{id}")
  Map<String, Object> edit(@PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
    return LibraryJson.activity(CalendarJson.done(
        library.edit(tenant.id(), id, LibraryJson.script(CalendarJson.body(body)), tenant.actor())));
  }

  @GetMapping(BASE)
  Map<String, Object> search(@RequestParam(required = false) String q, @RequestParam(required = false) String theme,
      @RequestParam(required = false) String tag) {
    return Map.of("activities", library.search(tenant.id(), q, theme, tag).stream().map(LibraryJson::activity).toList());
  }

  @GetMapping(BASE + "/ranking")
  Map<String, Object> ranking() {
    return Map.of("activities", library.ranking(tenant.id()).stream().map(LibraryJson::usage).toList());
  }

  @GetMapping(BASE + "/{id}")
  Map<String, Object> get(@PathVariable long id, @RequestParam(required = false) Integer version) {
    return LibraryJson.activity(library.find(tenant.id(), id, version)
        .orElseThrow(() -> Problem.notFound("Library activity", id + (version == null ? "" : "@" + version))));
  }

  @GetMapping(BASE + "/{id}/versions")
  Map<String, Object> versions(@PathVariable long id) {
    var versions = library.versions(tenant.id(), id);
    if (versions.isEmpty()) {
      throw Problem.notFound("Library activity", Long.toString(id));
    }
    return Map.of("versions", versions.stream().map(LibraryJson::activity).toList());
  }

  @PostMapping(BASE + "/{id}/export")
  ResponseEntity<Map<String, Object>> export(@PathVariable long id, @RequestBody(required = false) Map<String, Object> raw) {
    Map<String, Object> body = CalendarJson.body(raw);
    if (!(body.get("community_id") instanceof Number community)) {
      throw Problem.badRequest("validation-failed", "Name the community",
          new FieldIssue("community_id", "required", "the id of a community"));
    }
    SopMode mode = CalendarJson.named(SopMode.class, body.getOrDefault("mode", "AUTO"));
    if (mode == null) {
      throw Problem.badRequest("validation-failed", "mode is AUTO or TASK",
          new FieldIssue("mode", "invalid", "AUTO or TASK"));
    }
    List<String> texts = body.get("texts") instanceof List<?> t ? t.stream().map(CalendarJson::text).toList() : null;
    var request = new ActivityLibrary.ExportRequest(community.longValue(), instant(body.get("starts_at")),
        mode, texts, LibraryJson.prize(body.get("prize")),
        CalendarJson.text(body.get("manager")));
    return ResponseEntity.status(HttpStatus.CREATED).body(LibraryJson.export(CalendarJson.done(
        library.export(tenant.id(), id, request))));
  }

  private static Instant instant(Object value) {
    try {
      return value == null ? null : Instant.parse(value.toString());
    } catch (DateTimeParseException e) {
      throw Problem.badRequest("validation-failed", "starts_at is an instant",
          new FieldIssue("starts_at", "invalid", "an ISO-8601 instant like 2026-12-08T12:00:00Z"));
    }
  }
}
