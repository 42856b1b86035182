package dev.flywheel.console;

import dev.flywheel.analytics.Goal;
import dev.flywheel.analytics.Goals;
import dev.flywheel.platform.security.ConsoleUser;
import dev.flywheel.platform.web.Problem;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Goals: list and create; a goal's page shows target line vs actual bars vs projection. */
@Controller
class GoalPage {
  private final Goals goals;
  private final AnalyticsCharts charts;

  GoalPage(Goals goals, AnalyticsCharts charts) {
    this.goals = goals;
    this.charts = charts;
  }

  @GetMapping("/console/analytics/goals")
  String list(@AuthenticationPrincipal ConsoleUser me, Model model) {
    model.addAttribute("goals", goals.list(me.tenantId()));
    model.addAttribute("metrics", Goal.Metric.values());
    return "analytics/goals";
  }

  @PostMapping("/console/analytics/goals")
  String create(@AuthenticationPrincipal ConsoleUser me, @RequestParam String name, @RequestParam String metric,
      @RequestParam String periodStart, @RequestParam String periodEnd, @RequestParam String target,
      @RequestParam(defaultValue = "10") int alertPercent, Model model) {
    try {
      Goal goal = goals.create(me.tenantId(), new Goal(0, name, Goal.Metric.valueOf(metric), LocalDate.parse(periodStart),
          LocalDate.parse(periodEnd), new BigDecimal(target), alertPercent, List.of(), null, null), me.getUsername());
      return "redirect:/console/analytics/goals/" + goal.id();
    } catch (Problem p) {
      model.addAttribute("error", p.fields().isEmpty() ? p.getMessage() : p.fields().getFirst().field() + ": " + p.fields().getFirst().message());
    } catch (RuntimeException e) {
      model.addAttribute("error", e.getMessage());
    }
    return list(me, model);
  }

  @GetMapping("/console/analytics/goals/{id}")
  String goal(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id, Model model) {
    var pacing = goals.pacing(me.tenantId(), id);
    model.addAttribute("pacing", pacing);
    model.addAttribute("chart", charts.pacing(pacing));
    return "analytics/goal";
  }
}
