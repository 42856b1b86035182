package dev.flywheel.console;

import dev.flywheel.customer.LifecycleStage;
import dev.flywheel.customer.LoanStage;
import dev.flywheel.event.DailyTypeCount;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * ECharts options for the dashboard, built on the server as JSON (labels already translated) so
 * the page needs no chart code of its own: {@code console.js} renders any {@code data-chart}.
 */
@Component
class DashboardCharts {
  private static final String BRAND = "#0f766e";
  private final JsonMapper json;
  private final Labels labels;

  DashboardCharts(JsonMapper json, Labels labels) {
    this.json = json;
    this.labels = labels;
  }

  /** Stacked bars per event type per day, {@code from}–{@code to} inclusive, with a total line. */
  String eventsPerDay(List<DailyTypeCount> counts, LocalDate from, LocalDate to) {
    List<LocalDate> days = from.datesUntil(to.plusDays(1)).toList();
    Map<LocalDate, Integer> index = new LinkedHashMap<>();
    days.forEach(d -> index.put(d, index.size()));
    Map<String, long[]> perType = new LinkedHashMap<>();
    new TreeSet<>(counts.stream().map(DailyTypeCount::type).toList())
        .forEach(type -> perType.put(type, new long[days.size()]));
    long[] total = new long[days.size()];
    for (DailyTypeCount c : counts) {
      Integer i = index.get(c.day());
      if (i != null) {
        perType.get(c.type())[i] += c.count();
        total[i] += c.count();
      }
    }
    List<Object> series = new ArrayList<>();
    perType.forEach((type, values) -> series.add(Map.of("name", labels.eventType(type), "type", "bar",
        "stack", "events", "emphasis", Map.of("focus", "series"), "data", values)));
    series.add(Map.of("name", labels.of("dashboard.total", "Total"), "type", "line",
        "symbolSize", 4, "itemStyle", Map.of("color", "#334155"), "data", total));
    return write(Map.of(
        "tooltip", Map.of("trigger", "axis"),
        "legend", Map.of("type", "scroll", "top", 0),
        "grid", Map.of("left", 10, "right", 20, "top", 40, "bottom", 10, "containLabel", true),
        "xAxis", Map.of("type", "category", "data", days.stream().map(d -> d.toString().substring(5)).toList()),
        "yAxis", Map.of("type", "value", "minInterval", 1),
        "series", series));
  }

  /** Horizontal bars in funnel order, first stage on top. */
  String loanFunnel(Map<LoanStage, Long> counts) {
    List<String> names = counts.keySet().stream().map(labels::loanStage).toList();
    return write(Map.of(
        "tooltip", Map.of("trigger", "axis", "axisPointer", Map.of("type", "shadow")),
        "grid", Map.of("left", 10, "right", 40, "top", 10, "bottom", 10, "containLabel", true),
        "xAxis", Map.of("type", "value", "minInterval", 1),
        "yAxis", Map.of("type", "category", "inverse", true, "data", names),
        "series", List.of(Map.of("type", "bar", "data", List.copyOf(counts.values()),
            "itemStyle", Map.of("color", BRAND), "label", Map.of("show", true, "position", "right")))));
  }

  /** A doughnut of lifecycle stages; empty stages are left out (their labels would pile up). */
  String lifecycle(Map<LifecycleStage, Long> counts) {
    List<Object> data = new ArrayList<>();
    counts.forEach((stage, n) -> {
      if (n > 0) {
        data.add(Map.of("name", labels.lifecycleStage(stage), "value", n));
      }
    });
    return write(Map.of(
        "tooltip", Map.of("trigger", "item"),
        "legend", Map.of("bottom", 0, "type", "scroll"),
        "series", List.of(Map.of("type", "pie", "radius", List.of("40%", "68%"), "center", List.of("50%", "45%"),
            "data", data, "label", Map.of("formatter", "{b}: {c}")))));
  }

  private String write(Object option) {
    return json.writeValueAsString(option);
  }
}
