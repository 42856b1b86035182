package dev.flywheel.campaign;

import static dev.flywheel.campaign.DirectExpression.ASK_CEL;

import java.util.List;
import java.util.Map;

/**
 * CEL's operators and standard functions for the value kinds rules meet most (int as
 * {@code Long}, double as {@code Double}, string, bool, lists and maps), exact where they answer.
 * Every other case — CEL errors (overflow, division by zero, missing key), mixed numeric kinds
 * (left to CEL's own heterogeneous rules), null, timestamps, uint — answers
 * {@link DirectExpression#ASK_CEL}. Stateless.
 */
final class DirectOperators {
  /** Doubles strictly inside this bound convert to int by truncation in CEL as in Java. */
  private static final double INT_RANGE = 9.0e18;

  private DirectOperators() {}

  /** {@code a == b}: TRUE, FALSE or ASK_CEL. */
  static Object equal(Object a, Object b) {
    if (a instanceof String x && b instanceof String y) {
      return x.equals(y);
    }
    if (a instanceof Long x && b instanceof Long y) {
      return x.longValue() == y.longValue();
    }
    if (a instanceof Double x && b instanceof Double y) {
      // CEL's own equality decides NaN and signed zeros (it says NaN == NaN)
      return Double.isNaN(x) || Double.isNaN(y) || x == 0.0 || y == 0.0 ? ASK_CEL : (Object) (x.doubleValue() == y);
    }
    if (a instanceof Boolean x && b instanceof Boolean y) {
      return x.booleanValue() == y.booleanValue();
    }
    return ASK_CEL;
  }

  static Object notEqual(Object a, Object b) {
    Object eq = equal(a, b);
    return eq == ASK_CEL ? ASK_CEL : (Object) !((Boolean) eq);
  }

  /** Comparison of two ints or two doubles; {@code test} receives the sign of a - b (NaN: never true). */
  static Object compare(Object a, Object b, String op) {
    if (a instanceof Long x && b instanceof Long y) {
      int c = Long.compare(x, y);
      return switch (op) {
        case "_<_" -> c < 0;
        case "_<=_" -> c <= 0;
        case "_>_" -> c > 0;
        default -> c >= 0;
      };
    }
    if (a instanceof Double x && b instanceof Double y) {
      double l = x;
      double r = y;
      return switch (op) {
        case "_<_" -> l < r;
        case "_<=_" -> l <= r;
        case "_>_" -> l > r;
        default -> l >= r;
      };
    }
    return ASK_CEL;
  }

  static Object arithmetic(Object a, Object b, String op) {
    if (a instanceof Long x && b instanceof Long y) {
      return integer(x, y, op);
    }
    if (a instanceof Double x && b instanceof Double y) {
      return switch (op) {
        case "_+_" -> x + y;
        case "_-_" -> x - y;
        case "_*_" -> x * y;
        case "_/_" -> x / y;
        default -> ASK_CEL;
      };
    }
    if (a instanceof String x && b instanceof String y && op.equals("_+_")) {
      return x.concat(y);
    }
    return ASK_CEL;
  }

  private static Object integer(long x, long y, String op) {
    try {
      return switch (op) {
        case "_+_" -> Math.addExact(x, y);
        case "_-_" -> Math.subtractExact(x, y);
        case "_*_" -> Math.multiplyExact(x, y);
        case "_/_" -> y == 0 || (x == Long.MIN_VALUE && y == -1) ? ASK_CEL : (Object) (x / y);
        case "_%_" -> y == 0 || (x == Long.MIN_VALUE && y == -1) ? ASK_CEL : (Object) (x % y);
        default -> ASK_CEL;
      };
    } catch (ArithmeticException overflow) {
      return ASK_CEL;
    }
  }

  static Object negate(Object a) {
    if (a instanceof Long x) {
      return x == Long.MIN_VALUE ? ASK_CEL : (Object) (-x);
    }
    if (a instanceof Double x) {
      return -x;
    }
    return ASK_CEL;
  }

  static Object not(Object a) {
    return a instanceof Boolean b ? (Object) !b : ASK_CEL;
  }

  /** {@code needle in haystack} for lists (element equality) and maps (string keys). */
  static Object in(Object needle, Object haystack) {
    if (haystack instanceof List<?> list) {
      boolean found = false;
      for (Object element : list) {
        Object eq = equal(needle, element);
        if (eq == ASK_CEL) {
          return ASK_CEL;
        }
        found |= (Boolean) eq;
      }
      return found;
    }
    if (haystack instanceof Map<?, ?> map && needle instanceof String key && allStringKeys(map)) {
      return map.containsKey(key);
    }
    return ASK_CEL;
  }

  private static boolean allStringKeys(Map<?, ?> map) {
    for (Object k : map.keySet()) {
      if (!(k instanceof String)) {
        return false;
      }
    }
    return true;
  }

  /** {@code container[key]}: a present string key of a map, an index inside a list. */
  static Object index(Object container, Object key) {
    if (container instanceof Map<?, ?> map && key instanceof String k) {
      Object v = map.get(k);
      return v == null ? ASK_CEL : v;
    }
    if (container instanceof List<?> list && key instanceof Long i && i >= 0 && i < list.size()) {
      Object v = list.get((int) (long) i);
      return v == null ? ASK_CEL : v;
    }
    return ASK_CEL;
  }

  /** {@code map.field}: the value of a present key; has() is {@link #present}. */
  static Object field(Object operand, String field) {
    if (operand instanceof Map<?, ?> map) {
      Object v = map.get(field);
      return v == null ? ASK_CEL : v;
    }
    return ASK_CEL;
  }

  static Object present(Object operand, String field) {
    return operand instanceof Map<?, ?> map ? (Object) map.containsKey(field) : ASK_CEL;
  }

  static Object size(Object a) {
    return switch (a) {
      case String s -> (long) s.codePointCount(0, s.length());
      case List<?> l -> (long) l.size();
      case Map<?, ?> m -> (long) m.size();
      case null, default -> ASK_CEL;
    };
  }

  static Object strings(Object target, Object arg, String function) {
    if (!(target instanceof String s) || !(arg instanceof String x)) {
      return ASK_CEL;
    }
    return switch (function) {
      case "startsWith" -> s.startsWith(x);
      case "endsWith" -> s.endsWith(x);
      case "contains" -> s.contains(x);
      default -> ASK_CEL;
    };
  }

  static Object toInt(Object a) {
    if (a instanceof Long) {
      return a;
    }
    if (a instanceof Double d && d > -INT_RANGE && d < INT_RANGE) {
      return (long) (double) d;
    }
    return ASK_CEL;
  }

  static Object toDouble(Object a) {
    if (a instanceof Double) {
      return a;
    }
    return a instanceof Long l ? (Object) (double) l : ASK_CEL;
  }

  static Object toText(Object a) {
    if (a instanceof String) {
      return a;
    }
    return a instanceof Long l ? (Object) Long.toString(l) : ASK_CEL;
  }
}
