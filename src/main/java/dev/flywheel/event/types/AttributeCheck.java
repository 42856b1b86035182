package dev.flywheel.event.types;

import dev.flywheel.event.AttributeSchema;
import dev.flywheel.event.EventType;
import dev.flywheel.platform.web.FieldIssue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks attributes against an event type's schema and normalises them to the Java values
 * {@link dev.flywheel.event.AttributeType} promises. Stateless and thread-safe. Attributes not in
 * the schema are refused ({@code unknown-attribute}); null values count as absent.
 */
public final class AttributeCheck {
  private AttributeCheck() {}

  /** Normalised attributes in schema order; issues (fields {@code attributes.<name>}) go to {@code issues}. */
  public static Map<String, Object> check(EventType type, Map<String, Object> given, List<FieldIssue> issues) {
    Map<String, Object> attributes = given == null ? Map.of() : given;
    for (String name : attributes.keySet()) {
      if (type.attribute(name).isEmpty()) {
        issues.add(issue(name, "unknown-attribute", "is not an attribute of '" + type.name() + "'"));
      }
    }
    Map<String, Object> valid = new LinkedHashMap<>();
    for (AttributeSchema schema : type.attributes()) {
      Object value = attributes.get(schema.name());
      if (value == null) {
        if (schema.required()) {
          issues.add(issue(schema.name(), "missing-attribute", "is required for '" + type.name() + "'"));
        }
        continue;
      }
      Object normalised = normalise(schema, value, issues);
      if (normalised != null) {
        valid.put(schema.name(), normalised);
      }
    }
    return valid;
  }

  private static Object normalise(AttributeSchema schema, Object value, List<FieldIssue> issues) {
    String name = schema.name();
    return switch (schema.type()) {
      case STRING -> value instanceof String s ? s : wrongType(name, "a string", issues);
      case BOOLEAN -> value instanceof Boolean b ? b : wrongType(name, "true or false", issues);
      case INTEGER -> integer(schema, value, issues);
      case DECIMAL -> decimal(value) instanceof BigDecimal d ? d : wrongType(name, "a number", issues);
      case MONEY -> money(name, value, issues);
      case DATE -> value instanceof String s && isDate(s) ? s : wrongType(name, "a date YYYY-MM-DD", issues);
      case TIMESTAMP -> value instanceof String s && isTimestamp(s) ? s
          : wrongType(name, "an ISO-8601 timestamp with offset", issues);
      case ENUM -> enumValue(schema, value, issues);
    };
  }

  private static Object integer(AttributeSchema schema, Object value, List<FieldIssue> issues) {
    BigDecimal d = decimal(value);
    if (d == null || d.stripTrailingZeros().scale() > 0
        || d.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 || d.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0) {
      return wrongType(schema.name(), "an integer", issues);
    }
    long n = d.longValueExact();
    if (schema.minimum() != null && n < schema.minimum()) {
      issues.add(issue(schema.name(), "out-of-range", "must be at least " + schema.minimum()));
      return null;
    }
    return n;
  }

  private static Object money(String name, Object value, List<FieldIssue> issues) {
    BigDecimal d = decimal(value);
    if (d == null) {
      return wrongType(name, "an amount of money", issues);
    }
    if (d.signum() < 0) {
      issues.add(issue(name, "negative-amount", "must not be negative"));
      return null;
    }
    if (d.stripTrailingZeros().scale() > 2) {
      issues.add(issue(name, "too-many-decimals", "has more than 2 decimals"));
      return null;
    }
    return d.setScale(2, RoundingMode.UNNECESSARY);
  }

  private static Object enumValue(AttributeSchema schema, Object value, List<FieldIssue> issues) {
    if (!(value instanceof String s)) {
      return wrongType(schema.name(), "one of " + schema.values(), issues);
    }
    if (!schema.values().contains(s)) {
      issues.add(issue(schema.name(), "invalid-enum-value", "must be one of " + schema.values()));
      return null;
    }
    return s;
  }

  /** Exact decimal for any JSON-native number; doubles go through their shortest decimal form. */
  private static BigDecimal decimal(Object value) {
    BigDecimal d = switch (value) {
      case BigDecimal b -> b;
      case Long l -> BigDecimal.valueOf(l);
      case Integer i -> BigDecimal.valueOf(i);
      case Short s -> BigDecimal.valueOf(s);
      case BigInteger b -> new BigDecimal(b);
      case Double v when Double.isFinite(v) -> BigDecimal.valueOf(v);
      case Float v when Float.isFinite(v) -> new BigDecimal(Float.toString(v));
      default -> null;
    };
    return d != null && d.scale() < 0 ? d.setScale(0) : d;
  }

  private static boolean isDate(String s) {
    try {
      LocalDate.parse(s);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean isTimestamp(String s) {
    try {
      OffsetDateTime.parse(s);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static Object wrongType(String name, String expected, List<FieldIssue> issues) {
    issues.add(issue(name, "wrong-attribute-type", "must be " + expected));
    return null;
  }

  private static FieldIssue issue(String name, String code, String message) {
    return new FieldIssue("attributes." + name, code, message);
  }
}
