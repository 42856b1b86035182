package dev.flywheel.community.console;

import dev.flywheel.community.Health;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** ECharts options for a community's participation per day (distinct members who wrote). */
final class Sparkline {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Sparkline() {}

  /** A tiny line without axes for the list. */
  static String small(Health health) {
    return JSON.writeValueAsString(Map.of(
        "animation", false,
        "grid", Map.of("left", 2, "right", 2, "top", 4, "bottom", 2),
        "xAxis", Map.of("type", "category", "show", false, "data", days(health)),
        "yAxis", Map.of("type", "value", "show", false, "minInterval", 1),
        "tooltip", Map.of("trigger", "axis"),
        "series", List.of(Map.of("type", "line", "smooth", true, "symbol", "none", "areaStyle", Map.of(),
            "data", writers(health)))));
  }

  /** The same four weeks with axes, writers and messages, for the community's page. */
  static String full(Health health, String writersLabel, String messagesLabel) {
    return JSON.writeValueAsString(Map.of(
        "animation", false,
        "grid", Map.of("left", 40, "right", 16, "top", 30, "bottom", 30),
        "legend", Map.of("data", List.of(writersLabel, messagesLabel)),
        "tooltip", Map.of("trigger", "axis"),
        "xAxis", Map.of("type", "category", "data", days(health)),
        "yAxis", Map.of("type", "value", "minInterval", 1),
        "series", List.of(
            Map.of("name", writersLabel, "type", "line", "data", writers(health)),
            Map.of("name", messagesLabel, "type", "bar", "data",
                health.days().stream().map(Health.Day::messages).toList()))));
  }

  private static List<String> days(Health health) {
    return health.days().stream().map(d -> d.day().toString().substring(5)).toList();
  }

  private static List<Integer> writers(Health health) {
    return health.days().stream().map(Health.Day::writers).toList();
  }
}
