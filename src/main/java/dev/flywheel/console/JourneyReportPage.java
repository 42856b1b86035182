package dev.flywheel.console;

import dev.flywheel.journey.JourneyReport;
import dev.flywheel.journey.Journeys;
import dev.flywheel.platform.security.ConsoleUser;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.json.JsonMapper;

/**
 * A journey's report: the funnel (entered → reached → messages → delivered → clicked →
 * milestones) as an ECharts funnel, the reference targets, each step's figures, exits by reason,
 * branch arms and copy variants.
 */
@Controller
class JourneyReportPage {
  private final Journeys journeys;
  private final JsonMapper json;
  private final Labels labels;

  JourneyReportPage(Journeys journeys, JsonMapper json, Labels labels) {
    this.journeys = journeys;
    this.json = json;
    this.labels = labels;
  }

  @GetMapping("/console/journeys/{id}/report")
  ModelAndView report(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id) {
    return journeys.find(me.tenantId(), id).map(journey -> {
      JourneyReport report = journeys.report(me.tenantId(), id);
      ModelAndView view = new ModelAndView("journeys/report");
      view.addObject("journey", journey);
      view.addObject("report", report);
      view.addObject("funnelChart", funnel(report));
      return view;
    }).orElseGet(() -> NotFound.page("notfound.journey", String.valueOf(id)));
  }

  /** Stages in journey order; a funnel that does not sort, so a milestone above its stage still shows where it is. */
  String funnel(JourneyReport report) {
    List<Map<String, Object>> data = report.funnel().stream()
        .map(s -> Map.<String, Object>of("name", labels.of("journeys.stage." + s.name(), s.name()), "value", s.count()))
        .toList();
    return json.writeValueAsString(Map.of(
        "tooltip", Map.of("trigger", "item", "formatter", "{b}: {c}"),
        "series", List.of(Map.of("type", "funnel", "sort", "none", "gap", 2, "minSize", "8%",
            "left", "10%", "width", "80%", "label", Map.of("show", true, "position", "inside", "formatter", "{b}: {c}"),
            "data", data))));
  }
}
