package dev.flywheel.console;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * ECharts options for a campaign's budget: one horizontal bar per asset, granted and remaining as
 * percentages of what was funded (assets count in different units, so percent is what compares);
 * and, per asset, cost over time (dry run or live): a bar per day, the cumulative cost as a line
 * and the budget as a dashed line. Money is drawn in yuan (display only; tables show exact values).
 */
@Component
class CampaignCharts {
  private final JsonMapper json;
  private final Labels labels;

  CampaignCharts(JsonMapper json, Labels labels) {
    this.json = json;
    this.labels = labels;
  }

  /** One asset's cost-over-time chart. */
  record AssetChart(String asset, String option) {}

  /**
   * @param perDay the asset's units per day, oldest first
   * @param budget the budget line (units), or null for none
   */
  AssetChart costOverTime(String asset, List<java.time.LocalDate> days, List<Long> perDay, Long budget) {
    boolean money = AssetAmounts.MONEY.contains(asset);
    java.util.function.LongFunction<Object> shown = units -> money
        ? java.math.BigDecimal.valueOf(units, 2).doubleValue() : (Object) units;
    List<String> labelsOfDays = days.stream().map(d -> d.toString().substring(5)).toList();
    List<Object> bars = perDay.stream().map(shown::apply).toList();
    List<Object> cumulative = new java.util.ArrayList<>();
    long sum = 0;
    for (long units : perDay) {
      sum += units;
      cumulative.add(shown.apply(sum));
    }
    Map<String, Object> line = new java.util.LinkedHashMap<>(Map.of("name",
        labels.of("dryrun.chart.cumulative", "Cumulative"), "type", "line", "data", cumulative, "symbol", "circle",
        "itemStyle", Map.of("color", "#2563eb")));
    if (budget != null) {
      // a mark line, not a series: visible with a single day, and the y axis stretches to include it
      line.put("markLine", Map.of("symbol", "none", "silent", true,
          "lineStyle", Map.of("type", "dashed", "width", 2, "color", "#dc2626"),
          "label", Map.of("formatter", labels.of("dryrun.chart.budget", "Budget") + " {c}", "position", "insideEndTop"),
          "data", List.of(Map.of("yAxis", shown.apply(budget)))));
    }
    List<Object> series = List.of(
        Map.of("name", labels.of("dryrun.chart.perDay", "Cost per day"), "type", "bar", "data", bars,
            "itemStyle", Map.of("color", "#0f766e")), line);
    String unit = labels.of("asset.unit." + asset, asset);
    return new AssetChart(asset, json.writeValueAsString(Map.of(
        "title", Map.of("text", labels.of("asset." + asset, asset) + " (" + unit + ")", "textStyle",
            Map.of("fontSize", 13)),
        "tooltip", Map.of("trigger", "axis"),
        "legend", Map.of("top", 0, "right", 0),
        "grid", Map.of("left", 10, "right", 20, "top", 40, "bottom", 10, "containLabel", true),
        "xAxis", Map.of("type", "category", "data", labelsOfDays),
        "yAxis", budget == null ? Map.of("type", "value")
            : Map.of("type", "value", "max", shown.apply(Math.max(budget, sum))),
        "series", series)));
  }

  String budget(List<CampaignViews.BudgetLine> lines) {
    List<String> names = lines.stream().map(l -> labels.of("asset." + l.asset(), l.asset())).toList();
    // a 0% label would sit on the axis over the asset's name
    List<Object> granted = lines.stream().<Object>map(l -> l.burnPercent() == 0
        ? Map.of("value", 0, "label", Map.of("show", false)) : l.burnPercent()).toList();
    List<Integer> remaining = lines.stream().map(l -> l.funded() == 0 ? 0 : 100 - l.burnPercent()).toList();
    return json.writeValueAsString(Map.of(
        "tooltip", Map.of("trigger", "axis", "axisPointer", Map.of("type", "shadow")),
        "legend", Map.of("top", 0),
        "grid", Map.of("left", 10, "right", 30, "top", 30, "bottom", 10, "containLabel", true),
        "xAxis", Map.of("type", "value", "max", 100, "axisLabel", Map.of("formatter", "{value}%")),
        "yAxis", Map.of("type", "category", "inverse", true, "data", names),
        "series", List.of(
            Map.of("name", labels.of("budget.granted", "Granted"), "type", "bar", "stack", "budget",
                "itemStyle", Map.of("color", "#0f766e"), "data", granted,
                "label", Map.of("show", true, "formatter", "{c}%")),
            Map.of("name", labels.of("budget.remaining", "Remaining"), "type", "bar", "stack", "budget",
                "itemStyle", Map.of("color", "#cbd5e1"), "data", remaining))));
  }
}
