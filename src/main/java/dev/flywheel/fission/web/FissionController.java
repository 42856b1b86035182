package dev.flywheel.fission.web;

import dev.flywheel.fission.Activities;
import dev.flywheel.fission.Activity;
import dev.flywheel.fission.Redemptions;
import dev.flywheel.fission.Results;
import dev.flywheel.fission.Tasks;
import dev.flywheel.platform.tenancy.CurrentTenant;
import dev.flywheel.platform.tenancy.Tenants;
import dev.flywheel.platform.web.Problem;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Fission for the app backend and operators' tools (API key): {@code docs/api/fission.md}. */
@RestController
class FissionController {
  private final CurrentTenant tenant;
  private final Tenants tenants;
  private final Activities activities;
  private final Tasks tasks;
  private final Redemptions redemptions;
  private final Results results;
  private final Clock clock;

  FissionController(CurrentTenant tenant, Tenants tenants, Activities activities, Tasks tasks,
      Redemptions redemptions, Results results, Clock clock) {
    this.tenant = tenant;
    this.tenants = tenants;
    this.activities = activities;
    this.tasks = tasks;
    this.redemptions = redemptions;
    this.results = results;
    this.clock = clock;
  }

  @PostMapping("/api/v1/fission/activities")
  ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) Map<String, Object> body) {
    Activity created = FissionJson.done(activities.create(tenant.id(), FissionJson.draft(body), tenant.actor()));
    return ResponseEntity.status(HttpStatus.CREATED).body(FissionJson.activity(created));
  }

  @GetMapping("/api/v1/fission/activities")
  Map<String, Object> list() {
    return Map.of("items", activities.list(tenant.id()).stream().map(FissionJson::activity).toList());
  }

  @GetMapping("/api/v1/fission/activities/{id}")
  Map<String, Object> get(@PathVariable long id) {
    return FissionJson.activity(activity(id));
  }

  /** Funnel, per employee, per day. */
  @GetMapping("/api/v1/fission/activities/{id}/results")
  Map<String, Object> results(@PathVariable long id) {
    Activity a = activity(id);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("funnel", results.funnel(a));
    json.put("employees", results.perEmployee(a, null, zone()));
    json.put("days", results.perDay(a, zone()));
    return json;
  }

  @GetMapping(value = "/api/v1/fission/activities/{id}/results.csv", produces = "text/csv")
  ResponseEntity<String> csv(@PathVariable long id) {
    Activity a = activity(id);
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"fission-" + id + "-results.csv\"")
        .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
        .body(results.csv(a, zone()));
  }

  /** The day's red/black lists and team PK (day in the tenant's zone, default today). */
  @GetMapping("/api/v1/fission/activities/{id}/leaderboard")
  Results.Board leaderboard(@PathVariable long id, @RequestParam(required = false) LocalDate day) {
    return results.board(activity(id), day == null ? LocalDate.now(clock.withZone(zone())) : day, zone());
  }

  @GetMapping("/api/v1/fission/activities/{id}/held-helps")
  Map<String, Object> held(@PathVariable long id) {
    activity(id);
    return Map.of("items", activities.held(tenant.id(), id));
  }

  @PostMapping("/api/v1/fission/helps/{helpId}/{decision:approve|reject}")
  Activities.Review review(@PathVariable long helpId, @PathVariable String decision) {
    Activities.Review review = decision.equals("approve")
        ? activities.approve(tenant.id(), helpId, tenant.actor())
        : activities.reject(tenant.id(), helpId, tenant.actor());
    if (!review.done()) {
      throw FissionJson.problem(review.code(), review.detail());
    }
    return review;
  }

  @GetMapping("/api/v1/fission/tasks/{taskId}")
  Map<String, Object> task(@PathVariable long taskId) {
    return FissionJson.task(tasks.get(tenant.id(), taskId).orElseThrow(() -> Problem.notFound("Task", "" + taskId)));
  }

  /** The employee (or the app backend) redeems a completed task's reward: exactly once. */
  @PostMapping("/api/v1/fission/tasks/{taskId}/redemption")
  Map<String, Object> redeem(@PathVariable long taskId) {
    return FissionJson.redeemed(redemptions.redeem(tenant.id(), taskId, null, tenant.actor()));
  }

  /** {@code {name, org_unit}} for a console user taking part as an employee. */
  @PutMapping("/api/v1/fission/employees/{userId}")
  Map<String, Object> employee(@PathVariable long userId, @RequestBody(required = false) Map<String, Object> body) {
    String name = FissionJson.text(body, "name");
    String unit = FissionJson.text(body, "org_unit");
    if (name == null || name.isBlank() || name.length() > 100 || unit != null && unit.length() > 100) {
      throw Problem.invalid("validation-failed", "name 1..100, org_unit up to 100 characters", java.util.List.of());
    }
    activities.saveEmployee(tenant.id(), userId, name, unit);
    return Map.of("user_id", userId, "name", name, "org_unit", unit == null ? "" : unit);
  }

  private Activity activity(long id) {
    return activities.get(tenant.id(), id).orElseThrow(() -> Problem.notFound("Activity", "" + id));
  }

  private ZoneId zone() {
    return tenants.find(tenant.id()).map(t -> t.timeZone()).orElse(ZoneId.of("UTC"));
  }
}
