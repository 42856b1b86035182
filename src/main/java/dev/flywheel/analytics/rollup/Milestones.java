package dev.flywheel.analytics.rollup;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Which milestones an event marks: always its type, and {@code type:value} for the attribute that
 * tells the steps of a funnel apart ({@code page_view:landing}, {@code application_step:submit},
 * {@code risk_decision:passed}, {@code funder_decision:approved}). Times are whole seconds since
 * {@link #EPOCH}, as stored.
 */
public final class Milestones {
  public static final Instant EPOCH = Instant.parse("2020-01-01T00:00:00Z");
  private static final Map<String, String> KEY_ATTRIBUTE = Map.of(
      "page_view", "page", "application_step", "step", "risk_decision", "result", "funder_decision", "result");

  private Milestones() {}

  public static List<String> of(String type, Map<String, Object> attributes) {
    String attribute = KEY_ATTRIBUTE.get(type);
    Object value = attribute == null || attributes == null ? null : attributes.get(attribute);
    return value == null ? List.of(type) : List.of(type, type + ":" + value);
  }

  public static int seconds(Instant at) {
    return Math.toIntExact(at.getEpochSecond() - EPOCH.getEpochSecond());
  }

  public static Instant instant(int seconds) {
    return EPOCH.plusSeconds(seconds);
  }
}
