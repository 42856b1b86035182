package dev.flywheel.console;

import dev.flywheel.analytics.Breakdown;
import dev.flywheel.analytics.Recall;
import dev.flywheel.analytics.SegmentsFromAnalytics;
import dev.flywheel.platform.security.ConsoleUser;
import dev.flywheel.platform.web.Problem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The recall funnel preset beside the loan funnel: fixed steps, seed-003 targets drawn as reference lines. */
@Controller
class RecallFunnelPage {
  private final Recall recall;
  private final SegmentsFromAnalytics segments;
  private final AnalyticsCharts charts;
  private final Clock clock;

  RecallFunnelPage(Recall recall, SegmentsFromAnalytics segments, AnalyticsCharts charts, Clock clock) {
    this.recall = recall;
    this.segments = segments;
    this.charts = charts;
    this.clock = clock;
  }

  @GetMapping("/console/analytics/funnels/recall")
  String page(@AuthenticationPrincipal ConsoleUser me, @RequestParam(defaultValue = "7") int windowDays,
      @RequestParam(defaultValue = "NONE") String breakdown, @RequestParam(defaultValue = "90") int days, Model model) {
    model.addAttribute("recall", true);
    model.addAttribute("steps", String.join(", ", Recall.STEPS));
    model.addAttribute("windowDays", windowDays);
    model.addAttribute("breakdown", breakdown(breakdown).name());
    model.addAttribute("days", days);
    model.addAttribute("breakdowns", Breakdown.values());
    model.addAttribute("targets", Recall.TARGETS);
    try {
      Recall.Answer answer = recall.run(me.tenantId(), Duration.ofDays(windowDays), from(days), clock.instant(),
          breakdown(breakdown));
      model.addAttribute("result", answer.result());
      model.addAttribute("chart", charts.recall(answer));
    } catch (Problem p) {
      model.addAttribute("error", p.fields().isEmpty() ? p.getMessage()
          : p.fields().getFirst().field() + ": " + p.fields().getFirst().message());
    }
    return "analytics/funnels";
  }

  @PostMapping("/console/analytics/funnels/recall/segment")
  String segment(@AuthenticationPrincipal ConsoleUser me, @RequestParam int windowDays, @RequestParam String breakdown,
      @RequestParam int days, @RequestParam int step, @RequestParam(required = false) String group) {
    String g = group == null || group.isBlank() || group.equals("all") ? null : group;
    List<String> ids = recall.droppedAt(me.tenantId(), Duration.ofDays(windowDays), from(days), clock.instant(),
        breakdown(breakdown), step, g);
    String name = "Recall: dropped before " + Recall.STEPS.get(step - 1) + (g == null ? "" : " (" + g + ")") + " "
        + clock.instant();
    var made = segments.create(me.tenantId(), name, "from the recall funnel", ids, me.getUsername());
    return "redirect:/console/segments/" + made.segment().id();
  }

  private Instant from(int days) {
    return clock.instant().minus(Duration.ofDays(Math.max(1, days)));
  }

  private static Breakdown breakdown(String value) {
    try {
      return Breakdown.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Breakdown.NONE;
    }
  }
}
