package dev.flywheel.analytics.web;

import dev.flywheel.analytics.CampaignActivity;
import dev.flywheel.analytics.FunnelDefinition;
import dev.flywheel.analytics.Recall;
import dev.flywheel.analytics.SegmentsFromAnalytics;
import dev.flywheel.platform.tenancy.CurrentTenant;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The recall funnel and campaign activity data (API key). See {@code docs/api/analytics.md}. */
@RestController
class RecallAndActivityController {
  private final CurrentTenant tenant;
  private final Recall recall;
  private final CampaignActivity activity;
  private final SegmentsFromAnalytics segments;
  private final Clock clock;

  RecallAndActivityController(CurrentTenant tenant, Recall recall, CampaignActivity activity,
      SegmentsFromAnalytics segments, Clock clock) {
    this.tenant = tenant;
    this.recall = recall;
    this.activity = activity;
    this.segments = segments;
    this.clock = clock;
  }

  /** Body: optional {@code window}, {@code from}, {@code to}, {@code breakdown} (as a funnel; steps are fixed). */
  @PostMapping("/api/v1/analytics/funnels/recall")
  Recall.Answer run(@RequestBody(required = false) Map<String, Object> body) {
    FunnelDefinition d = definition(body);
    return recall.run(tenant.id(), d.window(), d.from(), d.to(), d.breakdown());
  }

  /** Body: as {@link #run}, plus {@code step} (2..5), optional {@code group} and {@code name}. */
  @PostMapping("/api/v1/analytics/funnels/recall/segments")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> segment(@RequestBody Map<String, Object> body) {
    FunnelDefinition d = definition(body);
    int step = body.get("step") instanceof Number n ? n.intValue() : -1;
    String group = body.get("group") == null ? null : body.get("group").toString();
    List<String> ids = recall.droppedAt(tenant.id(), d.window(), d.from(), d.to(), d.breakdown(), step, group);
    String name = Requests.str(body.get("name"), "Recall: dropped before " + Recall.STEPS.get(step - 1)
        + (group == null ? "" : " (" + group + ")") + " " + clock.instant());
    var made = segments.create(tenant.id(), name, "from the recall funnel", ids, tenant.actor());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("segment_id", made.segment().id());
    m.put("name", made.segment().name());
    m.put("customers", made.customers());
    return m;
  }

  /**
   * Activity data of campaign {@code id}: events attributed to {@code attribution} (default the id),
   * {@code tiers} the comma-separated asset tiers that count as high-net-worth.
   */
  @GetMapping("/api/v1/analytics/campaigns/{id}/activity")
  CampaignActivity.Report activity(@PathVariable long id, @RequestParam(required = false) String attribution,
      @RequestParam(required = false) String tiers) {
    Set<String> t = tiers == null ? null
        : Arrays.stream(tiers.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    return activity.report(tenant.id(), id, attribution, t);
  }

  private FunnelDefinition definition(Map<String, Object> body) {
    Map<String, Object> b = body == null ? new LinkedHashMap<>() : new LinkedHashMap<>(body);
    b.remove("steps");
    return Requests.funnel(b, clock);
  }
}
