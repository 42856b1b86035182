package dev.flywheel.console;

import dev.flywheel.analytics.Flows;
import dev.flywheel.analytics.Retention;
import dev.flywheel.analytics.RetentionQuery;
import dev.flywheel.analytics.SegmentsFromAnalytics;
import dev.flywheel.platform.security.ConsoleUser;
import dev.flywheel.platform.web.Problem;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Retention heat map (cohort × period, one click to the lapsed customers), lifecycle distribution
 * over time and Sankey charts of the last 30 days' loan- and lifecycle-stage transitions.
 */
@Controller
class RetentionPage {
  private final Retention retention;
  private final SegmentsFromAnalytics segments;
  private final AnalyticsCharts charts;
  private final Flows flows;
  private final Clock clock;

  RetentionPage(Retention retention, SegmentsFromAnalytics segments, AnalyticsCharts charts, Flows flows, Clock clock) {
    this.flows = flows;
    this.retention = retention;
    this.segments = segments;
    this.charts = charts;
    this.clock = clock;
  }

  @GetMapping("/console/analytics/retention")
  String page(@AuthenticationPrincipal ConsoleUser me, @RequestParam(defaultValue = "registered") String firstEvent,
      @RequestParam(defaultValue = "app_login") String returnEvent, @RequestParam(defaultValue = "WEEK") String grain,
      @RequestParam(defaultValue = "12") int periods, Model model) {
    model.addAttribute("firstEvent", firstEvent);
    model.addAttribute("returnEvent", returnEvent);
    model.addAttribute("grain", grain.toUpperCase(Locale.ROOT));
    model.addAttribute("periods", periods);
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    try {
      var table = retention.cohorts(me.tenantId(), query(firstEvent, returnEvent, grain, periods));
      model.addAttribute("table", table);
      model.addAttribute("heatmap", charts.retention(table));
    } catch (Problem p) {
      model.addAttribute("error", p.fields().isEmpty() ? p.getMessage() : p.fields().getFirst().field() + ": " + p.fields().getFirst().message());
    }
    model.addAttribute("lifecycle", charts.lifecycle(retention.lifecycle(me.tenantId(), today.minusDays(60), today)));
    var moves = flows.between(me.tenantId(), null, today.minusDays(30), today);
    model.addAttribute("loanFlows", charts.flows(moves, Flows.Kind.LOAN));
    model.addAttribute("lifecycleFlows", charts.flows(moves, Flows.Kind.LIFECYCLE));
    return "analytics/retention";
  }

  @PostMapping("/console/analytics/retention/segment")
  String segment(@AuthenticationPrincipal ConsoleUser me, @RequestParam String firstEvent, @RequestParam String returnEvent,
      @RequestParam String grain, @RequestParam int periods, @RequestParam String cohort, @RequestParam int period) {
    var ids = retention.lapsed(me.tenantId(), query(firstEvent, returnEvent, grain, periods), cohort, period);
    var made = segments.create(me.tenantId(), "Cohort " + cohort + " lapsed in period " + period + " " + clock.instant(),
        "from the retention heat map", ids, me.getUsername());
    return "redirect:/console/segments/" + made.segment().id();
  }

  private RetentionQuery query(String firstEvent, String returnEvent, String grain, int periods) {
    RetentionQuery.Grain g = "MONTH".equalsIgnoreCase(grain) ? RetentionQuery.Grain.MONTH : RetentionQuery.Grain.WEEK;
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    LocalDate from = g == RetentionQuery.Grain.WEEK ? today.minusWeeks(Math.max(1, periods)) : today.minusMonths(Math.max(1, periods));
    return new RetentionQuery(firstEvent, returnEvent, g, from, today.plusDays(1));
  }
}
