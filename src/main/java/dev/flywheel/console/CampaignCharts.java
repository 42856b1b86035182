package dev.flywheel.console;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * ECharts options for a campaign's budget: one horizontal bar per asset, granted and remaining as
 * percentages of what was funded (assets count in different units, so percent is what compares).
 */
@Component
class CampaignCharts {
  private final JsonMapper json;
  private final Labels labels;

  CampaignCharts(JsonMapper json, Labels labels) {
    this.json = json;
    this.labels = labels;
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
