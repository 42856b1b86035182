package dev.flywheel.journey.template;

import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import dev.flywheel.reach.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A template's parameters over its defaults, read with field-level problems for bad values. */
final class Params {
  private final Map<String, Object> given;
  private final Map<String, Object> defaults;

  Params(Map<String, Object> given, Map<String, Object> defaults) {
    this.given = given;
    this.defaults = defaults;
  }

  Object raw(String name) {
    Object value = given.get(name);
    return value == null || (value instanceof String s && s.isBlank()) ? defaults.get(name) : value;
  }

  String string(String name) {
    Object value = raw(name);
    return value == null ? null : value.toString().trim();
  }

  int integer(String name, int min, int max) {
    Object value = raw(name);
    try {
      int n = value instanceof Number number ? number.intValue() : Integer.parseInt(String.valueOf(value).trim());
      if (n < min || n > max) {
        throw bad(name, "between " + min + " and " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw bad(name, "a whole number");
    }
  }

  /** A list given as a JSON array or as comma-separated text (a console form field). */
  List<String> list(String name) {
    Object value = raw(name);
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> items) {
      items.forEach(i -> out.add(String.valueOf(i).trim()));
    } else if (value != null) {
      for (String part : value.toString().split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    }
    return out;
  }

  List<Channel> channels(String name) {
    List<Channel> out = new ArrayList<>();
    for (String text : list(name)) {
      try {
        out.add(Channel.valueOf(text.toUpperCase()));
      } catch (IllegalArgumentException e) {
        throw bad(name, "channels among " + List.of(Channel.values()));
      }
    }
    if (out.isEmpty()) {
      throw bad(name, "at least one channel");
    }
    return out;
  }

  static Problem bad(String name, String expected) {
    return Problem.invalid("invalid-parameter", "parameter " + name + " must be " + expected,
        List.of(new FieldIssue("parameters." + name, "invalid-parameter", "expected " + expected)));
  }
}
