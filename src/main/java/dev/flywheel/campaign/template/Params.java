package dev.flywheel.campaign.template;

import dev.flywheel.campaign.TemplateParameter;
import dev.flywheel.platform.web.FieldIssue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Typed reads of a template's parameters. A bad value is recorded as an issue on
 * {@code parameters.<name>} (code {@code invalid-parameter}) and a harmless placeholder returned,
 * so every issue of a form is reported at once. Not thread-safe; one per request.
 */
public final class Params {
  static final String INVALID = "invalid-parameter";
  private static final Pattern TEXT = Pattern.compile("[\\p{L}\\p{N}_\\-.:/ ]{1,100}");
  private final Map<String, Object> values;
  private final List<FieldIssue> issues = new ArrayList<>();

  public Params(Map<String, Object> values) {
    this.values = values == null ? Map.of() : values;
  }

  public List<FieldIssue> issues() {
    return List.copyOf(issues);
  }

  void issue(String name, String message) {
    issues.add(new FieldIssue("parameters." + name, INVALID, message));
  }

  private Object raw(TemplateParameter p) {
    Object v = values.get(p.name());
    if (v == null) {
      v = p.defaultValue();
    }
    if (v == null && p.required()) {
      issues.add(new FieldIssue("parameters." + p.name(), "missing-parameter", p.name() + " is required"));
    }
    return v;
  }

  /** Yuan (at most two decimals, not negative) as fen. */
  long moneyFen(TemplateParameter p) {
    Object v = raw(p);
    if (v == null) {
      return 0;
    }
    BigDecimal yuan = decimal(v);
    if (yuan == null || yuan.signum() < 0 || yuan.stripTrailingZeros().scale() > 2
        || yuan.compareTo(new BigDecimal("100000000")) > 0) {
      issue(p.name(), p.name() + " is an amount in yuan: 0 to 100,000,000 with at most two decimals");
      return 0;
    }
    return yuan.movePointRight(2).longValueExact();
  }

  /** Annual percent (at most two decimals, 0.01-20) as basis points. */
  long percentBasisPoints(TemplateParameter p) {
    Object v = raw(p);
    BigDecimal percent = v == null ? null : decimal(v);
    if (v != null && (percent == null || percent.signum() <= 0 || percent.stripTrailingZeros().scale() > 2
        || percent.compareTo(BigDecimal.valueOf(20)) > 0)) {
      issue(p.name(), p.name() + " is an annual percent from 0.01 to 20 with at most two decimals");
      return 1;
    }
    return percent == null ? 1 : percent.movePointRight(2).longValueExact();
  }

  long integer(TemplateParameter p, long min, long max) {
    Object v = raw(p);
    if (v == null) {
      return min;
    }
    BigDecimal d = decimal(v);
    if (d == null || d.stripTrailingZeros().scale() > 0 || d.compareTo(BigDecimal.valueOf(min)) < 0
        || d.compareTo(BigDecimal.valueOf(max)) > 0) {
      issue(p.name(), p.name() + " is a whole number from " + min + " to " + max);
      return min;
    }
    return d.longValueExact();
  }

  boolean bool(TemplateParameter p) {
    Object v = raw(p);
    if (v != null && !(v instanceof Boolean)) {
      issue(p.name(), p.name() + " is true or false");
      return false;
    }
    return Boolean.TRUE.equals(v);
  }

  /** A short plain text (letters, digits, {@code _-.:/} and spaces): safe inside a CEL string. */
  String text(TemplateParameter p) {
    Object v = raw(p);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s) || !TEXT.matcher(s).matches()) {
      issue(p.name(), p.name() + " is 1-100 letters, digits, spaces or _-.:/");
      return "x";
    }
    return s;
  }

  List<String> texts(TemplateParameter p) {
    Object v = raw(p);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list) || list.isEmpty()
        || !list.stream().allMatch(x -> x instanceof String s && TEXT.matcher(s).matches())) {
      issue(p.name(), p.name() + " is a non-empty list of short texts");
      return List.of("x");
    }
    return list.stream().map(String.class::cast).toList();
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> objects(TemplateParameter p) {
    Object v = raw(p);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list) || list.isEmpty() || list.size() > 10 || !list.stream().allMatch(Map.class::isInstance)) {
      issue(p.name(), p.name() + " is a list of 1-10 objects");
      return List.of();
    }
    return (List<Map<String, Object>>) list;
  }

  private static BigDecimal decimal(Object v) {
    try {
      return switch (v) {
        case Integer i -> BigDecimal.valueOf(i);
        case Long l -> BigDecimal.valueOf(l);
        case BigDecimal d -> d;
        case Double d -> new BigDecimal(d.toString());
        case String s -> new BigDecimal(s.strip());
        default -> null;
      };
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A CEL string literal for a checked text. */
  static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  static TemplateParameter money(String name, boolean required, Object def, String description) {
    return new TemplateParameter(name, "money", required, def, description);
  }

  static TemplateParameter integer(String name, boolean required, Object def, String description) {
    return new TemplateParameter(name, "integer", required, def, description);
  }

  static TemplateParameter string(String name, boolean required, Object def, String description) {
    return new TemplateParameter(name, "string", required, def, description);
  }
}
