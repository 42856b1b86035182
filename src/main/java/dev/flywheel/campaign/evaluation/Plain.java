package dev.flywheel.campaign.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CEL results as JSON-native values: numbers, strings, booleans, null, lists and maps; anything else as text. */
final class Plain {
  private Plain() {}

  static Map<String, Object> map(Map<?, ?> values) {
    Map<String, Object> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(String.valueOf(k), value(v)));
    return out;
  }

  static Object value(Object v) {
    return switch (v) {
      case null -> null;
      case com.google.protobuf.NullValue n -> null;
      case Number n -> n;
      case String s -> s;
      case Boolean b -> b;
      case Map<?, ?> m -> map(m);
      case List<?> l -> {
        List<Object> out = new ArrayList<>(l.size());
        l.forEach(x -> out.add(value(x)));
        yield out;
      }
      default -> v.toString();
    };
  }
}
