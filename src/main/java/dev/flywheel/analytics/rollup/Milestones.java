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

  /**
   * Bad debt (docs/api/analytics.md): a {@code write_off}, or an {@code overdue} more than
   * {@link #BAD_DEBT_DAYS} days late. Marked as the milestone {@code bad_debt} besides the type.
   */
  public static final String BAD_DEBT = "bad_debt";
  public static final int BAD_DEBT_DAYS = 90;

  public static List<String> of(String type, Map<String, Object> attributes) {
    if ("write_off".equals(type)
        || ("overdue".equals(type) && attributes != null && attributes.get("days") instanceof Number d
            && d.longValue() > BAD_DEBT_DAYS)) {
      return List.of(type, BAD_DEBT);
    }
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
