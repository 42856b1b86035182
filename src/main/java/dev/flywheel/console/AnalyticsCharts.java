package dev.flywheel.console;

import dev.flywheel.analytics.Flows;
import dev.flywheel.analytics.FunnelResult;
import dev.flywheel.analytics.GoalPacing;
import dev.flywheel.analytics.Retention;
import dev.flywheel.analytics.RetentionTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** ECharts options for the analytics pages, built on the server (see {@link DashboardCharts}). */
@Component
class AnalyticsCharts {
  /** Seed 002's loan funnel rates (share of the previous step), drawn as reference points. */
  static final Map<String, Double> SEED_002 = Map.of("registered", 0.8, "application_step:submit", 0.8,
      "risk_decision:passed", 0.5, "funder_decision:approved", 0.2, "drawdown", 0.6);
  private final JsonMapper json;
  private final Labels labels;

  AnalyticsCharts(JsonMapper json, Labels labels) {
    this.json = json;
    this.labels = labels;
  }

  /** Step conversion (from previous) per group as bars, with the seed reference as a line. */
  String funnel(FunnelResult result) {
    List<Object> series = new ArrayList<>();
    List<FunnelResult.Row> rows = new ArrayList<>(result.rows().stream().limit(6).toList());
    if (rows.isEmpty() || result.breakdown() == dev.flywheel.analytics.Breakdown.NONE) {
      rows = List.of(result.total());
    }
    for (FunnelResult.Row row : rows) {
      series.add(Map.of("name", row.group(), "type", "bar",
          "data", row.steps().stream().map(s -> Math.round(s.fromPrevious() * 1000) / 10.0).toList()));
    }
    series.add(Map.of("name", labels.of("analytics.seedReference", "Seed reference"), "type", "line",
        "symbol", "diamond", "symbolSize", 10, "lineStyle", Map.of("type", "dashed"), "itemStyle", Map.of("color", "#b91c1c"),
        "data", result.steps().stream().map(s -> SEED_002.containsKey(s) ? (Object) (SEED_002.get(s) * 100) : "-").toList()));
    return write(Map.of("tooltip", Map.of("trigger", "axis"), "legend", Map.of("type", "scroll", "top", 0),
        "grid", Map.of("left", 10, "right", 20, "top", 40, "bottom", 10, "containLabel", true),
        "xAxis", Map.of("type", "category", "data", result.steps()),
        "yAxis", Map.of("type", "value", "max", 100, "axisLabel", Map.of("formatter", "{value} %")),
        "series", series));
  }

  /**
   * The recall funnel: step conversion per group as bars, and the seed-003 targets as short
   * horizontal reference marks (lower bound solid red, upper bound dashed) on the steps that have one.
   */
  String recall(dev.flywheel.analytics.Recall.Answer answer) {
    FunnelResult result = answer.result();
    List<Object> series = new ArrayList<>();
    List<FunnelResult.Row> rows = result.rows().isEmpty() || result.breakdown() == dev.flywheel.analytics.Breakdown.NONE
        ? List.of(result.total()) : result.rows().stream().limit(6).toList();
    for (FunnelResult.Row row : rows) {
      series.add(Map.of("name", row.group(), "type", "bar",
          "data", row.steps().stream().map(s -> Math.round(s.fromPrevious() * 1000) / 10.0).toList()));
    }
    Map<String, dev.flywheel.analytics.Recall.Target> targets = new LinkedHashMap<>();
    answer.targets().forEach(t -> targets.put(t.step(), t));
    series.add(reference(labels.of("analytics.recall.targetMin", "Target (at least)"), "solid", result.steps().stream()
        .map(s -> targets.containsKey(s) ? (Object) (targets.get(s).min() * 100) : "-").toList()));
    series.add(reference(labels.of("analytics.recall.targetMax", "Target (at most)"), "dashed", result.steps().stream()
        .map(s -> targets.containsKey(s) && targets.get(s).max() != null ? (Object) (targets.get(s).max() * 100) : "-").toList()));
    return write(Map.of("tooltip", Map.of("trigger", "axis"), "legend", Map.of("type", "scroll", "top", 0),
        "grid", Map.of("left", 10, "right", 20, "top", 40, "bottom", 10, "containLabel", true),
        "xAxis", Map.of("type", "category", "data", result.steps().stream().map(s -> labels.of("analytics.recall.step." + s, s)).toList()),
        "yAxis", Map.of("type", "value", "max", 100, "axisLabel", Map.of("formatter", "{value} %")),
        "series", series));
  }

  private static Map<String, Object> reference(String name, String style, List<Object> data) {
    return Map.of("name", name, "type", "line", "symbol", "rect", "symbolSize", List.of(44, style.equals("solid") ? 3 : 2),
        "lineStyle", Map.of("opacity", 0), "itemStyle", Map.of("color", style.equals("solid") ? "#b91c1c" : "#f97316"),
        "z", 5, "data", data);
  }

  /** Participants, sharers, completers and high-net-worth participants per slice, as grouped bars. */
  String activity(List<dev.flywheel.analytics.CampaignActivity.Slice> slices) {
    List<String> keys = slices.stream().map(dev.flywheel.analytics.CampaignActivity.Slice::key).toList();
    List<Object> series = List.of(
        bar(labels.of("activity.participants", "Participated"), slices.stream().map(s -> s.participants()).toList()),
        bar(labels.of("activity.shared", "Shared"), slices.stream().map(s -> s.shared()).toList()),
        bar(labels.of("activity.completed", "Completed"), slices.stream().map(s -> s.completed()).toList()),
        bar(labels.of("activity.highNetWorth", "High net worth"), slices.stream().map(s -> s.highNetWorth()).toList()));
    return write(Map.of("tooltip", Map.of("trigger", "axis"), "legend", Map.of("top", 0),
        "grid", Map.of("left", 10, "right", 20, "top", 40, "bottom", 10, "containLabel", true),
        "xAxis", Map.of("type", "category", "data", keys), "yAxis", Map.of("type", "value", "minInterval", 1),
        "series", series));
  }

  private static Map<String, Object> bar(String name, List<Long> data) {
    return Map.of("name", name, "type", "bar", "data", data);
  }

  /** Cohort × period heat map of the returning share. */
  String retention(RetentionTable table) {
    List<String> cohorts = table.cohorts().stream().map(RetentionTable.Cohort::period).toList();
    int periods = table.cohorts().stream().mapToInt(c -> c.returned().size()).max().orElse(0);
    List<Object> data = new ArrayList<>();
    for (int y = 0; y < cohorts.size(); y++) {
      RetentionTable.Cohort c = table.cohorts().get(y);
      for (int x = 0; x < c.returned().size(); x++) {
        data.add(List.of(x, y, c.customers() == 0 ? 0 : Math.round(c.returned().get(x) * 1000.0 / c.customers()) / 10.0));
      }
    }
    List<Integer> xs = new ArrayList<>();
    for (int i = 0; i < periods; i++) {
      xs.add(i);
    }
    return write(Map.of("tooltip", Map.of("position", "top"),
        "grid", Map.of("left", 10, "right", 20, "top", 10, "bottom", 60, "containLabel", true),
        "xAxis", Map.of("type", "category", "data", xs), "yAxis", Map.of("type", "category", "data", cohorts),
        "visualMap", Map.of("min", 0, "max", 100, "calculable", true, "orient", "horizontal", "left", "center", "bottom", 0),
        "series", List.of(Map.of("type", "heatmap", "data", data, "label", Map.of("show", true)))));
  }

  /** Stacked areas: customers per lifecycle stage per day. */
  String lifecycle(List<Retention.StageDay> days) {
    TreeSet<String> dates = new TreeSet<>();
    Map<String, Map<String, Long>> byStage = new LinkedHashMap<>();
    for (Retention.StageDay d : days) {
      dates.add(d.day().toString());
      byStage.computeIfAbsent(d.stage(), s -> new LinkedHashMap<>()).put(d.day().toString(), d.customers());
    }
    List<Object> series = new ArrayList<>();
    byStage.forEach((stage, values) -> series.add(Map.of("name", labels.of("stage.lifecycle." + stage, stage),
        "type", "line", "stack", "stages", "areaStyle", Map.of(), "symbol", "none",
        "data", dates.stream().map(d -> values.getOrDefault(d, 0L)).toList())));
    return write(Map.of("tooltip", Map.of("trigger", "axis"), "legend", Map.of("top", 0),
        "grid", Map.of("left", 10, "right", 20, "top", 40, "bottom", 10, "containLabel", true),
        "xAxis", Map.of("type", "category", "data", dates.stream().map(d -> d.substring(5)).toList()),
        "yAxis", Map.of("type", "value", "minInterval", 1), "series", series));
  }

  /**
   * Sankey of stage transitions of one kind: sources on the left, targets on the right (a stage
   * appears on both sides, so moves back and forth never make the cycle a Sankey cannot draw).
   */
  String flows(List<Flows.Flow> flows, Flows.Kind kind) {
    String prefix = kind == Flows.Kind.LOAN ? "stage.loan." : "stage.lifecycle.";
    String start = labels.of("analytics.flows.start", "First stage");
    java.util.Set<String> nodes = new java.util.LinkedHashSet<>();
    List<Object> links = new ArrayList<>();
    for (Flows.Flow f : flows) {
      if (f.kind() != kind) {
        continue;
      }
      String source = f.from() == null ? start : labels.of(prefix + f.from(), f.from());
      String target = "→ " + labels.of(prefix + f.to(), f.to());
      nodes.add(source);
      nodes.add(target);
      links.add(Map.of("source", source, "target", target, "value", f.transitions()));
    }
    return write(Map.of("tooltip", Map.of("trigger", "item"),
        "series", List.of(Map.of("type", "sankey", "left", 10, "right", 120, "emphasis", Map.of("focus", "adjacency"),
            "data", nodes.stream().map(n -> Map.of("name", n)).toList(), "links", links))));
  }

  /** Target line vs actual bars vs projection. */
  String pacing(GoalPacing p) {
    List<String> days = p.days().stream().map(d -> d.day().toString().substring(5)).toList();
    return write(Map.of("tooltip", Map.of("trigger", "axis"), "legend", Map.of("top", 0),
        "grid", Map.of("left", 10, "right", 20, "top", 40, "bottom", 10, "containLabel", true),
        "xAxis", Map.of("type", "category", "data", days), "yAxis", Map.of("type", "value"),
        "series", List.of(
            Map.of("name", labels.of("goal.chart.actual", "Actual (cumulative)"), "type", "bar",
                "data", p.days().stream().map(d -> d.cumulativeActual() == null ? "-" : (Object) d.cumulativeActual()).toList()),
            Map.of("name", labels.of("goal.chart.target", "Target (cumulative)"), "type", "line", "symbol", "none",
                "data", p.days().stream().map(GoalPacing.Day::cumulativeTarget).toList()),
            Map.of("name", labels.of("goal.chart.projection", "Projection"), "type", "line", "symbol", "none",
                "lineStyle", Map.of("type", "dashed"),
                "data", p.days().stream().map(d -> d.projected() == null ? "-" : (Object) d.projected()).toList()))));
  }

  private String write(Object option) {
    return json.writeValueAsString(option);
  }
}
