package dev.flywheel.platform.cel;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns JSON-like Java values into the types CEL understands (Long, Double, String, Boolean, List, Map). */
public final class CelValues {
  private CelValues() {}

  /** Whole decimals become {@code Long}, other decimals {@code Double}; null becomes CEL null. */
  public static Object normalize(Object value) {
    return switch (value) {
      case null -> com.google.protobuf.NullValue.NULL_VALUE;
      case Integer i -> i.longValue();
      case Short s -> s.longValue();
      case BigInteger b -> b.bitLength() < 64 ? (Object) b.longValue() : b.doubleValue();
      case BigDecimal d -> d.stripTrailingZeros().scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0
          ? (Object) d.longValue() : d.doubleValue();
      case Float f -> f.doubleValue();
      case Map<?, ?> m -> {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, x) -> out.put(String.valueOf(k), normalize(x)));
        yield out;
      }
      case List<?> l -> {
        List<Object> out = new ArrayList<>(l.size());
        l.forEach(x -> out.add(normalize(x)));
        yield out;
      }
      default -> value;
    };
  }
}
