package dev.flywheel.console;

import dev.flywheel.analytics.Breakdown;
import dev.flywheel.analytics.FunnelDefinition;
import dev.flywheel.analytics.FunnelResult;
import dev.flywheel.analytics.Funnels;
import dev.flywheel.analytics.SegmentsFromAnalytics;
import dev.flywheel.platform.security.ConsoleUser;
import dev.flywheel.platform.web.Problem;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The funnel builder: steps, window, breakdown; chart with seed references; one click from a drop-off to a segment. */
@Controller
class FunnelPage {
  private final Funnels funnels;
  private final SegmentsFromAnalytics segments;
  private final AnalyticsCharts charts;
  private final Clock clock;

  FunnelPage(Funnels funnels, SegmentsFromAnalytics segments, AnalyticsCharts charts, Clock clock) {
    this.funnels = funnels;
    this.segments = segments;
    this.charts = charts;
    this.clock = clock;
  }

  @GetMapping("/console/analytics/funnels")
  String page(@AuthenticationPrincipal ConsoleUser me, @RequestParam(required = false) String steps,
      @RequestParam(defaultValue = "30") int windowDays, @RequestParam(defaultValue = "CHANNEL") String breakdown,
      @RequestParam(defaultValue = "90") int days, Model model) {
    String stepText = steps == null || steps.isBlank() ? String.join(", ", FunnelDefinition.LOAN_FUNNEL) : steps;
    model.addAttribute("steps", stepText);
    model.addAttribute("windowDays", windowDays);
    model.addAttribute("breakdown", breakdown.toUpperCase(Locale.ROOT));
    model.addAttribute("days", days);
    model.addAttribute("breakdowns", Breakdown.values());
    try {
      FunnelResult result = funnels.run(me.tenantId(), definition(stepText, windowDays, breakdown, days));
      model.addAttribute("result", result);
      model.addAttribute("chart", charts.funnel(result));
    } catch (Problem p) {
      model.addAttribute("error", p.fields().isEmpty() ? p.getMessage()
          : p.fields().getFirst().field() + ": " + p.fields().getFirst().message());
    }
    return "analytics/funnels";
  }

  @PostMapping("/console/analytics/funnels/segment")
  String segment(@AuthenticationPrincipal ConsoleUser me, @RequestParam String steps, @RequestParam int windowDays,
      @RequestParam String breakdown, @RequestParam int days, @RequestParam int step,
      @RequestParam(required = false) String group) {
    FunnelDefinition d = definition(steps, windowDays, breakdown, days);
    String g = group == null || group.isBlank() || group.equals("all") ? null : group;
    List<String> ids = funnels.droppedAt(me.tenantId(), d, step, g);
    String name = "Dropped before " + d.steps().get(step - 1) + (g == null ? "" : " (" + g + ")") + " " + clock.instant();
    var made = segments.create(me.tenantId(), name, "from the funnel builder", ids, me.getUsername());
    return "redirect:/console/segments/" + made.segment().id();
  }

  private FunnelDefinition definition(String steps, int windowDays, String breakdown, int days) {
    List<String> list = Arrays.stream(steps.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
    Breakdown b;
    try {
      b = Breakdown.valueOf(breakdown.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      b = Breakdown.NONE;
    }
    var to = clock.instant();
    return new FunnelDefinition(list, Duration.ofDays(windowDays), to.minus(Duration.ofDays(Math.max(1, days))), to, b);
  }
}
