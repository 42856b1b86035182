package dev.flywheel.platform.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.compiler.CelCompiler;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The save-time check of an operator's CEL expression, shared by the rule and condition
 * languages: not empty, not longer than the limit, compiles in the language's environment, and
 * names only known fields of its map variables ({@code event.amout_fen} is refused with its
 * position, where CEL alone would accept any key of a map). Positions are 1-based.
 */
public sealed interface CelCheck {
  /** The expression passed; its checked syntax tree. */
  record Passed(CelAbstractSyntaxTree ast) implements CelCheck {}

  /** The first problem, at a 1-based line and column. */
  record Refused(int line, int column, String message) implements CelCheck {}

  /**
   * @param fields per map variable ({@code event}, {@code customer}), the field names it has;
   *     variables not listed are not checked
   */
  static CelCheck of(CelCompiler compiler, String expression, int maxLength, Map<String, Set<String>> fields) {
    if (expression == null || expression.isBlank()) {
      return new Refused(1, 1, "the expression is empty");
    }
    if (expression.length() > maxLength) {
      return new Refused(1, maxLength, "the expression is longer than " + maxLength + " characters");
    }
    CelValidationResult checked = compiler.compile(expression);
    if (checked.hasError()) {
      CelIssue first = checked.getErrors().getFirst();
      return new Refused(Math.max(1, first.getSourceLocation().getLine()),
          Math.max(0, first.getSourceLocation().getColumn()) + 1, first.getMessage());
    }
    try {
      CelAbstractSyntaxTree ast = checked.getAst();
      Optional<Refused> unknown = unknownField(ast, fields);
      return unknown.isPresent() ? unknown.get() : new Passed(ast);
    } catch (CelValidationException e) {
      return new Refused(1, 1, e.getMessage());
    }
  }

  private static Optional<Refused> unknownField(CelAbstractSyntaxTree ast, Map<String, Set<String>> fields) {
    return CelNavigableAst.fromAst(ast).getRoot().allNodes()
        .filter(n -> n.getKind() == CelExpr.ExprKind.Kind.SELECT)
        .filter(n -> n.expr().select().operand().getKind() == CelExpr.ExprKind.Kind.IDENT)
        .flatMap(n -> {
          String variable = n.expr().select().operand().ident().name();
          String field = n.expr().select().field();
          Set<String> known = fields.get(variable);
          if (known == null || known.contains(field)) {
            return Stream.<Refused>empty();
          }
          int offset = ast.getSource().getPositionsMap().getOrDefault(n.id(), 0);
          CelSourceLocation at = ast.getSource().getOffsetLocation(offset).orElse(CelSourceLocation.NONE);
          return Stream.of(new Refused(Math.max(1, at.getLine()), Math.max(0, at.getColumn()) + 1,
              variable + " has no field '" + field + "'; known: " + String.join(", ", new TreeSet<>(known))));
        })
        .findFirst();
  }
}
