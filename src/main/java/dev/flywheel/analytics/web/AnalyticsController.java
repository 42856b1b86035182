package dev.flywheel.analytics.web;

import dev.flywheel.analytics.FunnelDefinition;
import dev.flywheel.analytics.FunnelResult;
import dev.flywheel.analytics.Funnels;
import dev.flywheel.analytics.Goal;
import dev.flywheel.analytics.GoalPacing;
import dev.flywheel.analytics.Goals;
import dev.flywheel.analytics.Quality;
import dev.flywheel.analytics.Retention;
import dev.flywheel.analytics.RetentionQuery;
import dev.flywheel.analytics.RetentionTable;
import dev.flywheel.analytics.SegmentsFromAnalytics;
import dev.flywheel.platform.tenancy.CurrentTenant;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Analytics for tools and BI (API key). See {@code docs/api/analytics.md}. */
@RestController
class AnalyticsController {
  private final CurrentTenant tenant;
  private final Funnels funnels;
  private final Retention retention;
  private final Goals goals;
  private final Quality quality;
  private final SegmentsFromAnalytics segments;
  private final dev.flywheel.analytics.Flows flows;
  private final Clock clock;
  private final dev.flywheel.analytics.FunderAlerts alerts;
  private final dev.flywheel.analytics.Rollups rollups;

  AnalyticsController(CurrentTenant tenant, Funnels funnels, Retention retention, Goals goals, Quality quality,
      SegmentsFromAnalytics segments, dev.flywheel.analytics.Flows flows, Clock clock,
      dev.flywheel.analytics.FunderAlerts alerts, dev.flywheel.analytics.Rollups rollups) {
    this.alerts = alerts;
    this.rollups = rollups;
    this.flows = flows;
    this.tenant = tenant;
    this.funnels = funnels;
    this.retention = retention;
    this.goals = goals;
    this.quality = quality;
    this.segments = segments;
    this.clock = clock;
  }

  @PostMapping("/api/v1/analytics/funnels")
  FunnelResult funnel(@RequestBody Map<String, Object> body) {
    return funnels.run(tenant.id(), Requests.funnel(body, clock));
  }

  /** Body: the funnel, plus {@code step} (2..N: who dropped before it), optional {@code group} and {@code name}. */
  @PostMapping("/api/v1/analytics/funnels/segments")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> funnelSegment(@RequestBody Map<String, Object> body) {
    FunnelDefinition definition = Requests.funnel(body, clock);
    int step = body.get("step") instanceof Number n ? n.intValue() : -1;
    String group = body.get("group") == null ? null : body.get("group").toString();
    List<String> ids = funnels.droppedAt(tenant.id(), definition, step, group);
    String name = Requests.str(body.get("name"), "Dropped before " + (step >= 2 && step <= definition.steps().size()
        ? definition.steps().get(step - 1) : "?") + (group == null ? "" : " (" + group + ")") + " " + clock.instant());
    return made(segments.create(tenant.id(), name, "from a funnel step", ids, tenant.actor()));
  }

  @GetMapping("/api/v1/analytics/retention")
  RetentionTable retention(@RequestParam Map<String, String> params) {
    return retention.cohorts(tenant.id(), Requests.retention(params, clock));
  }

  /** Body: the retention query, plus {@code cohort} (YYYY-MM-DD) and {@code period} (n): who did not return. */
  @PostMapping("/api/v1/analytics/retention/segments")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> retentionSegment(@RequestBody Map<String, Object> body) {
    RetentionQuery q = Requests.retention(body, clock);
    LocalDate cohort = Requests.date(body.get("cohort"), "cohort", null);
    if (cohort == null) {
      throw Requests.invalid("cohort", "invalid-date", "a cohort start date");
    }
    int period = body.get("period") instanceof Number n ? n.intValue() : 0;
    List<String> ids = retention.lapsed(tenant.id(), q, cohort.toString(), period);
    String name = Requests.str(body.get("name"), "Cohort " + cohort + " lapsed in period " + period + " " + clock.instant());
    return made(segments.create(tenant.id(), name, "from a retention cell", ids, tenant.actor()));
  }

  @GetMapping("/api/v1/analytics/lifecycle")
  Map<String, Object> lifecycle(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    return Map.of("days", retention.lifecycle(tenant.id(), Requests.date(from, "from", today.minusDays(30)),
        Requests.date(to, "to", today)));
  }

  /**
   * The analytics feed of the tenant: accepted batches (and their events) whose rollups are not
   * written yet, and batches whose rollups failed three times (they stay queued with their error).
   */
  @GetMapping("/api/v1/analytics/rollups")
  Map<String, Object> rollups() {
    var backlog = rollups.backlog(tenant.id());
    return Map.of("live", rollups.live(), "queued_batches", backlog.rows(), "queued_events", backlog.events(),
        "failed_batches", backlog.failed());
  }

  /** Stage transitions over {@code [from, to]} (default the last 30 days), {@code kind} LOAN, LIFECYCLE or both. */
  @GetMapping("/api/v1/analytics/flows")
  Map<String, Object> flows(@RequestParam(required = false) String kind, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    return Map.of("flows", flows.between(tenant.id(), Requests.flowKind(kind), Requests.date(from, "from", today.minusDays(30)),
        Requests.date(to, "to", today)));
  }

  @PostMapping("/api/v1/analytics/goals")
  @ResponseStatus(HttpStatus.CREATED)
  Goal createGoal(@RequestBody Map<String, Object> body) {
    return goals.create(tenant.id(), Requests.goal(body), tenant.actor());
  }

  @GetMapping("/api/v1/analytics/goals")
  Map<String, Object> goals() {
    return Map.of("goals", goals.list(tenant.id()));
  }

  @GetMapping("/api/v1/analytics/goals/{id}")
  Goal goal(@PathVariable long id) {
    return goals.find(tenant.id(), id);
  }

  @GetMapping("/api/v1/analytics/goals/{id}/pacing")
  GoalPacing pacing(@PathVariable long id) {
    return goals.pacing(tenant.id(), id);
  }

  @DeleteMapping("/api/v1/analytics/goals/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void deleteGoal(@PathVariable long id) {
    goals.delete(tenant.id(), id);
  }

  @GetMapping("/api/v1/analytics/channels")
  Map<String, Object> channels(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    return Map.of("channels", quality.channels(tenant.id(), Requests.date(from, "from", today.minusDays(90)),
        Requests.date(to, "to", today)));
  }

  @PostMapping("/api/v1/analytics/channels/costs")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void channelCost(@RequestBody Map<String, Object> body) {
    quality.setCost(tenant.id(), Requests.str(body.get("channel"), null), Requests.date(body.get("month"), "month", null),
        Requests.amount(body.get("cost"), "cost"));
  }

  @GetMapping("/api/v1/analytics/funders")
  Map<String, Object> funders(@RequestParam(required = false) Integer threshold) {
    return Map.of("funders", quality.funders(tenant.id(), threshold == null ? alerts.threshold(tenant.id()) : threshold));
  }

  private static Map<String, Object> made(SegmentsFromAnalytics.Made made) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("segment_id", made.segment().id());
    m.put("name", made.segment().name());
    m.put("expression", made.segment().expression());
    m.put("customers", made.customers());
    return m;
  }
}
