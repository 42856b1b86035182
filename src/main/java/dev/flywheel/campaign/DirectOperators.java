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

  private static final List<String> BINARY = List.of("_==_", "_!=_", "_<_", "_<=_", "_>_", "_>=_",
      "_+_", "_-_", "_*_", "_/_", "_%_", "_[_]", "startsWith", "endsWith", "contains");

  private DirectOperators() {}

  /** @return the code of a binary CEL function for {@link #apply}, or -1 when not in the subset */
  static int code(String function) {
    return BINARY.indexOf(function);
  }

  /** One binary operator by its {@link #code}: a switch on an int, no indirect call. */
  static Object apply(int code, Object l, Object r) {
    return switch (code) {
      case 0 -> equal(l, r);
      case 1 -> notEqual(l, r);
      case 2 -> less(l, r);
      case 3 -> lessOrEqual(l, r);
      case 4 -> greater(l, r);
      case 5 -> greaterOrEqual(l, r);
      case 6 -> add(l, r);
      case 7 -> subtract(l, r);
      case 8 -> multiply(l, r);
      case 9 -> divide(l, r);
      case 10 -> modulo(l, r);
      case 11 -> index(l, r);
      case 12 -> startsWith(l, r);
      case 13 -> endsWith(l, r);
      case 14 -> contains(l, r);
      default -> ASK_CEL;
    };
  }

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

  // comparisons: two ints or two doubles (Java's primitive operators: NaN compares false, as in CEL)
  static Object less(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      return x < y;
    }
    return a instanceof Double x && b instanceof Double y ? (Object) (x < y) : ASK_CEL;
  }

  static Object lessOrEqual(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      return x <= y;
    }
    return a instanceof Double x && b instanceof Double y ? (Object) (x <= y) : ASK_CEL;
  }

  static Object greater(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      return x > y;
    }
    return a instanceof Double x && b instanceof Double y ? (Object) (x > y) : ASK_CEL;
  }

  static Object greaterOrEqual(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      return x >= y;
    }
    return a instanceof Double x && b instanceof Double y ? (Object) (x >= y) : ASK_CEL;
  }

  // arithmetic: int overflow and division by zero are CEL errors, so the interpreter answers them
  static Object add(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      long sum = x + y;
      return ((x ^ sum) & (y ^ sum)) < 0 ? ASK_CEL : (Object) sum;
    }
    if (a instanceof Double x && b instanceof Double y) {
      return x + y;
    }
    return a instanceof String x && b instanceof String y ? x.concat(y) : ASK_CEL;
  }

  static Object subtract(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      long difference = x - y;
      return ((x ^ y) & (x ^ difference)) < 0 ? ASK_CEL : (Object) difference;
    }
    return a instanceof Double x && b instanceof Double y ? (Object) (x - y) : ASK_CEL;
  }

  static Object multiply(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      long hi = Math.multiplyHigh(x, y);
      long product = x * y;
      return hi == (product >> 63) ? (Object) product : ASK_CEL;
    }
    return a instanceof Double x && b instanceof Double y ? (Object) (x * y) : ASK_CEL;
  }

  static Object divide(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      return y == 0 || (x == Long.MIN_VALUE && y == -1) ? ASK_CEL : (Object) (x / y);
    }
    return a instanceof Double x && b instanceof Double y ? (Object) (x / y) : ASK_CEL;
  }

  static Object modulo(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      return y == 0 || (x == Long.MIN_VALUE && y == -1) ? ASK_CEL : (Object) (x % y);
    }
    return ASK_CEL;
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

  static Object startsWith(Object target, Object arg) {
    return target instanceof String s && arg instanceof String x ? (Object) s.startsWith(x) : ASK_CEL;
  }

  static Object endsWith(Object target, Object arg) {
    return target instanceof String s && arg instanceof String x ? (Object) s.endsWith(x) : ASK_CEL;
  }

  static Object contains(Object target, Object arg) {
    return target instanceof String s && arg instanceof String x ? (Object) s.contains(x) : ASK_CEL;
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
