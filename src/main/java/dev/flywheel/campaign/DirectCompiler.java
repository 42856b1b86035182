package dev.flywheel.campaign;

import static dev.flywheel.campaign.DirectExpression.ASK_CEL;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Compiles a checked CEL AST of the rule language into a {@link DirectExpression}, or returns
 * empty when the expression leaves the subset (then only the interpreter runs it).
 *
 * <p>The subset: bool/int/double/string literals; the variables {@code event}, {@code customer},
 * {@code is_first_today}, {@code is_first_ever}; field selection and {@code has()} on maps;
 * indexing; {@code && || ! ?:}; {@code == != < <= > >=}; {@code + - * / %} and unary minus;
 * {@code in} on lists and maps; list literals; {@code size}, {@code startsWith},
 * {@code endsWith}, {@code contains}, {@code int}, {@code double}, {@code string} and
 * {@code count_today}. Not in it: comprehension macros (all, exists, map, filter), map and
 * message literals, null/uint/bytes/timestamp/duration literals, regular expressions, timestamp
 * functions. Thread-safe.
 */
final class DirectCompiler {
  private DirectCompiler() {}

  static Optional<DirectExpression> compile(CelAbstractSyntaxTree ast) {
    return Optional.ofNullable(new Walk(ast).expr(ast.getExpr()));
  }

  private record Walk(CelAbstractSyntaxTree ast) {
    /** @return null when the node (or a child) is outside the subset */
    DirectExpression expr(CelExpr e) {
      return switch (e.getKind()) {
        case CONSTANT -> constant(e.constant());
        case IDENT -> ident(e);
        case SELECT -> select(e.select());
        case CALL -> call(e.call());
        case LIST -> list(e.list());
        default -> null;
      };
    }

    private static DirectExpression constant(CelConstant c) {
      Object v = switch (c.getKind()) {
        case BOOLEAN_VALUE -> c.booleanValue();
        case INT64_VALUE -> c.int64Value();
        case DOUBLE_VALUE -> c.doubleValue();
        case STRING_VALUE -> c.stringValue();
        default -> null;
      };
      return v == null ? null : a -> v;
    }

    private DirectExpression ident(CelExpr e) {
      String name = ast.getReference(e.id()).map(CelReference::name).orElse(e.ident().name());
      return switch (name) {
        case "event" -> Activation::event;
        case "customer" -> Activation::customer;
        case "is_first_today" -> a -> a.firstToday();
        case "is_first_ever" -> a -> a.firstEver();
        default -> null;
      };
    }

    private DirectExpression select(CelExpr.CelSelect s) {
      DirectExpression operand = expr(s.operand());
      if (operand == null) {
        return null;
      }
      String field = s.field();
      if (!s.testOnly() && s.operand().getKind() == CelExpr.ExprKind.Kind.IDENT) {
        switch (ast.getReference(s.operand().id()).map(CelReference::name).orElse(s.operand().ident().name())) {
          case "event" -> {
            return a -> DirectOperators.field(a.event(), field);
          }
          case "customer" -> {
            return a -> DirectOperators.field(a.customer(), field);
          }
          default -> { }
        }
      }
      if (s.testOnly()) {
        return a -> {
          Object o = operand.eval(a);
          return o == ASK_CEL ? ASK_CEL : DirectOperators.present(o, field);
        };
      }
      return a -> {
        Object o = operand.eval(a);
        return o == ASK_CEL ? ASK_CEL : DirectOperators.field(o, field);
      };
    }

    private DirectExpression list(CelExpr.CelList l) {
      if (!l.optionalIndices().isEmpty()) {
        return null;
      }
      List<DirectExpression> elements = new ArrayList<>();
      List<Object> constants = new ArrayList<>();
      for (CelExpr element : l.elements()) {
        DirectExpression d = expr(element);
        if (d == null) {
          return null;
        }
        elements.add(d);
        if (element.getKind() == CelExpr.ExprKind.Kind.CONSTANT) {
          constants.add(d.eval(null));
        }
      }
      if (constants.size() == elements.size()) {
        List<Object> fixed = List.copyOf(constants);
        return a -> fixed;
      }
      return a -> {
        List<Object> values = new ArrayList<>(elements.size());
        for (DirectExpression d : elements) {
          Object v = d.eval(a);
          if (v == ASK_CEL) {
            return ASK_CEL;
          }
          values.add(v);
        }
        return values;
      };
    }

    private DirectExpression call(CelExpr.CelCall c) {
      List<DirectExpression> args = new ArrayList<>();
      if (c.target().isPresent()) {
        args.add(expr(c.target().get()));
      }
      for (CelExpr arg : c.args()) {
        args.add(expr(arg));
      }
      if (args.contains(null)) {
        return null;
      }
      String f = c.function();
      return switch (args.size()) {
        case 1 -> unary(f, args.getFirst());
        case 2 -> switch (f) {
          case "_&&_" -> and(args.get(0), args.get(1));
          case "_||_" -> or(args.get(0), args.get(1));
          case "@in" -> in(args.get(0), c.args().get(1), args.get(1));
          default -> binary(f, c.args().getLast(), args.get(0), args.get(1));
        };
        case 3 -> "_?_:_".equals(f) ? conditional(args.get(0), args.get(1), args.get(2)) : null;
        default -> null;
      };
    }

    private static DirectExpression unary(String f, DirectExpression x) {
      if ("count_today".equals(f)) {
        return a -> x.eval(a) instanceof String type ? (Object) a.countToday(type) : ASK_CEL;
      }
      java.util.function.UnaryOperator<Object> op = switch (f) {
        case "!_" -> DirectOperators::not;
        case "-_" -> DirectOperators::negate;
        case "size" -> DirectOperators::size;
        case "int" -> DirectOperators::toInt;
        case "double" -> DirectOperators::toDouble;
        case "string" -> DirectOperators::toText;
        default -> null;
      };
      if (op == null) {
        return null;
      }
      return a -> {
        Object v = x.eval(a);
        return v == ASK_CEL ? ASK_CEL : op.apply(v);
      };
    }

    /** Binary operators by code ({@link DirectOperators#apply}); the right side folded when it is a literal. */
    private DirectExpression binary(String f, CelExpr right, DirectExpression x, DirectExpression y) {
      int op = DirectOperators.code(f);
      if (op < 0) {
        return null;
      }
      if (right.getKind() == CelExpr.ExprKind.Kind.CONSTANT) {
        Object r = y.eval(null);
        return a -> {
          Object l = x.eval(a);
          return l == ASK_CEL ? ASK_CEL : DirectOperators.apply(op, l, r);
        };
      }
      return a -> {
        Object l = x.eval(a);
        if (l == ASK_CEL) {
          return ASK_CEL;
        }
        Object r = y.eval(a);
        return r == ASK_CEL ? ASK_CEL : DirectOperators.apply(op, l, r);
      };
    }

    /**
     * {@code &&} left to right: false on the left decides at once, as in CEL. Anything but a bool
     * on either side (an error, which CEL may absorb when the other side is false, or a non-bool
     * value, which CEL refuses) is left to the interpreter.
     */
    private static DirectExpression and(DirectExpression x, DirectExpression y) {
      return a -> {
        Object l = x.eval(a);
        if (!(l instanceof Boolean left)) {
          return ASK_CEL;
        }
        if (!left) {
          return false;
        }
        Object r = y.eval(a);
        return r instanceof Boolean ? r : ASK_CEL;
      };
    }

    /** {@code ||} left to right: true on the left decides at once; otherwise as {@link #and}. */
    private static DirectExpression or(DirectExpression x, DirectExpression y) {
      return a -> {
        Object l = x.eval(a);
        if (!(l instanceof Boolean left)) {
          return ASK_CEL;
        }
        if (left) {
          return true;
        }
        Object r = y.eval(a);
        return r instanceof Boolean ? r : ASK_CEL;
      };
    }

    private static DirectExpression conditional(DirectExpression c, DirectExpression t, DirectExpression f) {
      return a -> {
        Object cond = c.eval(a);
        if (is(cond, true)) {
          return t.eval(a);
        }
        return is(cond, false) ? f.eval(a) : ASK_CEL;
      };
    }

    private static boolean is(Object value, boolean expected) {
      return value instanceof Boolean b && b == expected;
    }

    /** {@code in}; a literal list of strings becomes a hash set. */
    private static DirectExpression in(DirectExpression needle, CelExpr haystackExpr, DirectExpression haystack) {
      if (haystackExpr.getKind() == CelExpr.ExprKind.Kind.LIST && haystackExpr.list().elements().stream()
          .allMatch(x -> x.getKind() == CelExpr.ExprKind.Kind.CONSTANT) && haystack.eval(null) instanceof List<?> fixed
          && !fixed.isEmpty() && fixed.stream().allMatch(String.class::isInstance)) {
        Set<Object> set = Set.copyOf(new HashSet<>(fixed));
        return a -> {
          Object n = needle.eval(a);
          return n instanceof String ? (Object) set.contains(n) : ASK_CEL;
        };
      }
      return a -> {
        Object n = needle.eval(a);
        if (n == ASK_CEL) {
          return ASK_CEL;
        }
        Object h = haystack.eval(a);
        return h == ASK_CEL ? ASK_CEL : DirectOperators.in(n, h);
      };
    }
  }
}
