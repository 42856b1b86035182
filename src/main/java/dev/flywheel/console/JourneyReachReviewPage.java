package dev.flywheel.console;

import dev.flywheel.platform.security.ConsoleUser;
import dev.flywheel.platform.web.Problem;
import dev.flywheel.review.JourneyReachMarkdown;
import dev.flywheel.review.JourneyReachReview;
import dev.flywheel.review.JourneyReachReviews;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.json.JsonMapper;

/**
 * The weekly reach review of a journey (seed 003): reached, opened, clicked and converted per ISO
 * week as an ECharts chart, tables per week, per copy and version, and per week × copy, and a
 * Markdown download.
 */
@Controller
class JourneyReachReviewPage {
  static final String PATH = "/console/journeys/{id}/weekly-review";
  private final JourneyReachReviews reviews;
  private final JsonMapper json;
  private final Labels labels;

  JourneyReachReviewPage(JourneyReachReviews reviews, JsonMapper json, Labels labels) {
    this.reviews = reviews;
    this.json = json;
    this.labels = labels;
  }

  @GetMapping(PATH)
  ModelAndView review(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id) {
    try {
      JourneyReachReview review = reviews.review(me.tenantId(), id);
      ModelAndView view = new ModelAndView("review/journey-weekly");
      view.addObject("r", review);
      view.addObject("weeklyChart", chart(review));
      return view;
    } catch (Problem p) {
      return NotFound.page("notfound.journey", String.valueOf(id));
    }
  }

  @GetMapping(PATH + ".md")
  ResponseEntity<String> markdown(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id) {
    return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/markdown;charset=UTF-8"))
        .header("Content-Disposition", "attachment; filename=\"journey-" + id + "-weekly-review.md\"")
        .body(JourneyReachMarkdown.of(reviews.review(me.tenantId(), id)));
  }

  /** Bars per stage and week, and the click rate as a line on a second axis. */
  String chart(JourneyReachReview r) {
    List<String> weeks = r.weeks().stream().map(w -> JourneyReachReview.isoWeek(w.week())).toList();
    List<Map<String, Object>> series = new ArrayList<>();
    series.add(bars("review.g7b.reached", r, JourneyReachReview.Total::delivered));
    series.add(bars("review.g7b.opened", r, JourneyReachReview.Total::opened));
    series.add(bars("review.g7b.clicked", r, JourneyReachReview.Total::clicked));
    series.add(bars("review.g7b.convertedJourney", r, JourneyReachReview.Total::converted));
    series.add(Map.of("name", labels.of("review.g7b.clickRate", "Click rate"), "type", "line", "yAxisIndex", 1,
        "data", r.weeks().stream().map(w -> w.clickRate() == null ? 0 : Math.round(w.clickRate() * 1000) / 10.0).toList()));
    return json.writeValueAsString(Map.of(
        "tooltip", Map.of("trigger", "axis"),
        "legend", Map.of("top", 0),
        "xAxis", Map.of("type", "category", "data", weeks),
        "yAxis", List.of(Map.of("type", "value"), Map.of("type", "value", "axisLabel", Map.of("formatter", "{value} %"))),
        "series", series));
  }

  private Map<String, Object> bars(String label, JourneyReachReview r, ToLongFunction<JourneyReachReview.Total> value) {
    return Map.of("name", labels.of(label, label), "type", "bar",
        "data", r.weeks().stream().mapToLong(value).boxed().toList());
  }
}
