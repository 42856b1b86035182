package dev.flywheel.customer.stage;

import java.math.BigDecimal;
import java.util.Map;

/** Reads event attributes leniently: the event module has validated their types already. */
final class Attributes {
  private Attributes() {}

  static String text(Map<String, Object> attributes, String name) {
    Object v = attributes == null ? null : attributes.get(name);
    return v == null ? null : v.toString();
  }

  static BigDecimal decimal(Map<String, Object> attributes, String name) {
    Object v = attributes == null ? null : attributes.get(name);
    return switch (v) {
      case null -> null;
      case BigDecimal d -> d;
      case Number n -> new BigDecimal(n.toString());
      default -> parse(v.toString());
    };
  }

  static Integer integer(Map<String, Object> attributes, String name) {
    BigDecimal d = decimal(attributes, name);
    return d == null ? null : d.intValue();
  }

  static boolean flag(Map<String, Object> attributes, String name) {
    Object v = attributes == null ? null : attributes.get(name);
    return v instanceof Boolean b ? b : "true".equalsIgnoreCase(String.valueOf(v));
  }

  private static BigDecimal parse(String s) {
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
