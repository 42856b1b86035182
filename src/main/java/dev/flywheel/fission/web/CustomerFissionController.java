package dev.flywheel.fission.web;

import dev.flywheel.fission.Activities;
import dev.flywheel.fission.Activity;
import dev.flywheel.fission.HelpRequest;
import dev.flywheel.fission.Helps;
import dev.flywheel.fission.Redemptions;
import dev.flywheel.fission.Task;
import dev.flywheel.fission.Tasks;
import dev.flywheel.platform.customersession.CustomerPrincipal;
import dev.flywheel.platform.web.Problem;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Fission for the customer themself (session token, rate limited): what the H5 pages call. The
 * customer (task owner or helper) is always the token's.
 */
@RestController
class CustomerFissionController {
  private final Activities activities;
  private final Tasks tasks;
  private final Helps helps;
  private final Redemptions redemptions;
  private final ProgressStream progress;
  private final Clock clock;
  private final String publicBaseUrl;

  CustomerFissionController(Activities activities, Tasks tasks, Helps helps, Redemptions redemptions,
      ProgressStream progress, Clock clock, @Value("${flywheel.fission.public-base-url:}") String publicBaseUrl) {
    this.activities = activities;
    this.tasks = tasks;
    this.helps = helps;
    this.redemptions = redemptions;
    this.progress = progress;
    this.clock = clock;
    this.publicBaseUrl = publicBaseUrl;
  }

  @GetMapping("/api/v1/customer/fission/activities/{id}")
  Map<String, Object> activity(@AuthenticationPrincipal CustomerPrincipal me, @PathVariable long id) {
    Activity a = activities.get(me.tenantId(), id).orElseThrow(() -> Problem.notFound("Activity", "" + id));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", a.id());
    json.put("name", a.name());
    json.put("rules", a.rules());
    json.put("phase", a.phase(clock.instant()).name());
    json.put("starts_at", a.startsAt().toString());
    json.put("ends_at", a.endsAt().toString());
    json.put("helpers_needed", a.helpersNeeded());
    json.put("customer_script", a.customerScript());
    Optional<Task> mine = tasks.of(id, me.customerId());
    json.put("task", mine.map(FissionJson::task).orElse(null));
    json.put("invite_url", mine.filter(t -> a.phase(clock.instant()) == Activity.Phase.RUNNING)
        .map(t -> inviteUrl(tasks.invite(t, a))).orElse(null));
    return json;
  }

  /** {@code {device_id, employee_id}} → 201 with my task (200 when I had one). */
  @PostMapping("/api/v1/customer/fission/activities/{id}/tasks")
  ResponseEntity<Map<String, Object>> start(@AuthenticationPrincipal CustomerPrincipal me, @PathVariable long id,
      @RequestBody(required = false) Map<String, Object> body) {
    boolean had = tasks.of(id, me.customerId()).isPresent();
    Long employee = body != null && body.get("employee_id") instanceof Number n ? n.longValue() : null;
    return switch (tasks.start(me.tenantId(), id, me.customerId(), device(body), employee)) {
      case Tasks.Start.Started s -> {
        Map<String, Object> json = FissionJson.task(s.task());
        Activity a = activities.get(me.tenantId(), id).orElseThrow();
        json.put("invite_url", inviteUrl(tasks.invite(s.task(), a)));
        yield ResponseEntity.status(had ? HttpStatus.OK : HttpStatus.CREATED).body(json);
      }
      case Tasks.Start.Refused r -> throw FissionJson.problem(r.code(), r.detail());
    };
  }

  /** {@code {invite, device_id}}: I help the task the invite names. */
  @PostMapping("/api/v1/customer/fission/helps")
  Map<String, Object> help(@AuthenticationPrincipal CustomerPrincipal me, @RequestBody(required = false) Map<String, Object> body,
      HttpServletRequest request) {
    return FissionJson.help(helps.help(new HelpRequest(me.tenantId(), FissionJson.text(body, "invite"),
        me.customerId(), device(body), request.getRemoteAddr())));
  }

  /** I redeem my completed task while the activity runs; after its end my employee redeems it. */
  @PostMapping("/api/v1/customer/fission/tasks/{taskId}/redemption")
  Map<String, Object> redeem(@AuthenticationPrincipal CustomerPrincipal me, @PathVariable long taskId) {
    Task task = tasks.get(me.tenantId(), taskId).filter(t -> t.customerId().equals(me.customerId()))
        .orElseThrow(() -> Problem.notFound("Task", "" + taskId));
    Activity a = activities.get(me.tenantId(), task.activityId()).orElseThrow();
    if (!task.redeemed() && a.phase(clock.instant()) == Activity.Phase.ENDED) {
      throw FissionJson.problem("redeem-through-employee",
          "The activity has ended: contact your employee to redeem the reward");
    }
    return FissionJson.redeemed(redemptions.redeem(me.tenantId(), taskId, me.customerId(), me.actor()));
  }

  /** Live help progress (SSE, event {@code progress}); any customer of the tenant may watch a task. */
  @GetMapping(value = "/api/v1/customer/fission/tasks/{taskId}/progress", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter progress(@AuthenticationPrincipal CustomerPrincipal me, @PathVariable long taskId) {
    Task task = tasks.get(me.tenantId(), taskId).orElseThrow(() -> Problem.notFound("Task", "" + taskId));
    return progress.open(task.id(), task.helps(), task.helpersNeeded());
  }

  /** The live code: which employee I am handed to, with their welcome message. */
  @PostMapping("/api/v1/customer/fission/activities/{id}/contact")
  Map<String, Object> contact(@AuthenticationPrincipal CustomerPrincipal me, @PathVariable long id) {
    Activity.Acquirer a = tasks.contact(me.tenantId(), id, me.customerId())
        .orElseThrow(() -> Problem.notFound("Live code of activity", "" + id));
    return Map.of("employee_id", a.userId(), "welcome", a.welcome());
  }

  private static String device(Map<String, Object> body) {
    String d = FissionJson.text(body, "device_id");
    return d == null || d.isBlank() ? null : d.substring(0, Math.min(d.length(), 128));
  }

  String inviteUrl(String invite) {
    var base = publicBaseUrl.isBlank() ? ServletUriComponentsBuilder.fromCurrentContextPath()
        : ServletUriComponentsBuilder.fromUriString(publicBaseUrl);
    return base.path("/h5/fission/help").queryParam("invite", invite).build().toUriString();
  }
}
