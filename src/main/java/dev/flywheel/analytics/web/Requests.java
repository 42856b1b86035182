package dev.flywheel.analytics.web;

import dev.flywheel.analytics.Breakdown;
import dev.flywheel.analytics.FunnelDefinition;
import dev.flywheel.analytics.Goal;
import dev.flywheel.analytics.RetentionQuery;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads analytics request bodies and parameters, naming the field at fault. */
final class Requests {
  private Requests() {}

  @SuppressWarnings("unchecked")
  static FunnelDefinition funnel(Map<String, Object> body, Clock clock) {
    Map<String, Object> b = body == null ? Map.of() : body;
    List<String> steps = new ArrayList<>();
    if (b.get("steps") instanceof List<?> list) {
      list.forEach(s -> steps.add(s == null ? null : s.toString()));
    } else if (b.get("steps") != null) {
      throw invalid("steps", "invalid-step", "a list of steps");
    }
    Duration window = duration(b.get("window"), "window", Duration.ofDays(30));
    Instant to = instant(b.get("to"), "to", clock.instant());
    Instant from = instant(b.get("from"), "from", to.minus(Duration.ofDays(90)));
    return new FunnelDefinition(steps, window, from, to, breakdown(b.get("breakdown")));
  }

  static Breakdown breakdown(Object value) {
    if (value == null) {
      return Breakdown.NONE;
    }
    try {
      return Breakdown.valueOf(value.toString().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid("breakdown", "invalid-breakdown", "one of " + List.of(Breakdown.values()));
    }
  }

  static Duration duration(Object value, String field, Duration fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      return Duration.parse(value.toString());
    } catch (DateTimeParseException e) {
      throw invalid(field, "invalid-window", "an ISO-8601 duration such as P7D or PT48H");
    }
  }

  static Instant instant(Object value, String field, Instant fallback) {
    if (value == null || value.toString().isBlank()) {
      return fallback;
    }
    try {
      String s = value.toString();
      return s.length() == 10 ? LocalDate.parse(s).atStartOfDay(java.time.ZoneOffset.UTC).toInstant() : Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw invalid(field, "invalid-time", "an ISO-8601 instant or date");
    }
  }

  static dev.flywheel.analytics.Flows.Kind flowKind(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return dev.flywheel.analytics.Flows.Kind.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid("kind", "invalid-kind", "LOAN or LIFECYCLE");
    }
  }

  static LocalDate date(Object value, String field, LocalDate fallback) {
    if (value == null || value.toString().isBlank()) {
      return fallback;
    }
    try {
      return LocalDate.parse(value.toString());
    } catch (DateTimeParseException e) {
      throw invalid(field, "invalid-date", "a date YYYY-MM-DD");
    }
  }

  static RetentionQuery retention(Map<String, ? extends Object> params, Clock clock) {
    Map<String, Object> p = new java.util.HashMap<>(params);
    LocalDate today = LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC));
    RetentionQuery.Grain grain;
    try {
      grain = RetentionQuery.Grain.valueOf(String.valueOf(p.getOrDefault("grain", "WEEK")).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid("grain", "invalid-grain", "WEEK or MONTH");
    }
    return new RetentionQuery(str(p.get("first_event"), "registered"), str(p.get("return_event"), "app_login"), grain,
        date(p.get("from"), "from", today.minusWeeks(12)), date(p.get("to"), "to", today.plusDays(1)));
  }

  static Goal goal(Map<String, Object> body) {
    Map<String, Object> b = body == null ? Map.of() : body;
    Goal.Metric metric = null;
    if (b.get("metric") != null) {
      try {
        metric = Goal.Metric.valueOf(b.get("metric").toString().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw invalid("metric", "invalid-metric", "one of " + List.of(Goal.Metric.values()));
      }
    }
    List<Goal.Component> components = new ArrayList<>();
    if (b.get("components") instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        if (!(list.get(i) instanceof Map<?, ?> c)) {
          throw invalid("components[" + i + "]", "invalid-component", "an object with name and amount");
        }
        components.add(new Goal.Component(String.valueOf(c.get("name")), amount(c.get("amount"), "components[" + i + "].amount")));
      }
    }
    Object alert = b.get("alert_percent");
    return new Goal(0, (String) (b.get("name") instanceof String s ? s : null), metric,
        date(b.get("period_start"), "period_start", null), date(b.get("period_end"), "period_end", null),
        amount(b.get("target"), "target"), alert instanceof Number n ? n.intValue() : 10, components, null, null);
  }

  static BigDecimal amount(Object value, String field) {
    if (value == null) {
      return null;
    }
    try {
      return new BigDecimal(value.toString());
    } catch (NumberFormatException e) {
      throw invalid(field, "invalid-amount", "a decimal number");
    }
  }

  static String str(Object value, String fallback) {
    return value == null || value.toString().isBlank() ? fallback : value.toString();
  }

  static Problem invalid(String field, String code, String expected) {
    return Problem.invalid(code, "The request has an invalid field", List.of(new FieldIssue(field, code, "must be " + expected)));
  }
}
