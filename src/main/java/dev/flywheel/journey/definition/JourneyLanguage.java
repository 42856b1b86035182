package dev.flywheel.journey.definition;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The CEL environment of journey conditions (trigger, goal, wait-until and branch conditions).
 * Boolean expressions over two maps:
 *
 * <pre>
 * event     type, id, occurred_at (ISO-8601 string), channel, attributes map(string, dyn)
 * customer  id, tags, loan_stage, lifecycle_stage, application_step, h5_only, funder,
 *           overdue_days, acquisition_channel, registered_platform, attributes
 * </pre>
 *
 * A misspelt field is refused with its 1-based position. Programs are cached per expression;
 * thread-safe.
 */
@Component
public class JourneyLanguage {
  static final Set<String> EVENT_FIELDS = Set.of("type", "id", "occurred_at", "channel", "attributes");
  static final Set<String> CUSTOMER_FIELDS = Set.of("id", "tags", "loan_stage", "lifecycle_stage",
      "application_step", "h5_only", "funder", "overdue_days", "acquisition_channel", "registered_platform",
      "attributes");
  private static final int MAX_LENGTH = 4_000;

  /** A compiled condition, or the first error with its 1-based line and column. */
  public sealed interface Compilation {
    record Compiled(CelRuntime.Program program) implements Compilation {}

    record Invalid(int line, int column, String message) implements Compilation {}
  }

  private final CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
      .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
      .addVar("event", MapType.create(SimpleType.STRING, SimpleType.DYN))
      .addVar("customer", MapType.create(SimpleType.STRING, SimpleType.DYN))
      .setResultType(SimpleType.BOOL)
      .build();
  private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().build();
  private final Map<String, CelRuntime.Program> programs = new ConcurrentHashMap<>();

  public Compilation compile(String expression) {
    if (expression == null || expression.isBlank()) {
      return new Compilation.Invalid(1, 1, "the expression is empty");
    }
    if (expression.length() > MAX_LENGTH) {
      return new Compilation.Invalid(1, MAX_LENGTH, "the expression is longer than " + MAX_LENGTH + " characters");
    }
    CelValidationResult checked = compiler.compile(expression);
    if (checked.hasError()) {
      CelIssue first = checked.getErrors().getFirst();
      return new Compilation.Invalid(Math.max(1, first.getSourceLocation().getLine()),
          Math.max(0, first.getSourceLocation().getColumn()) + 1, first.getMessage());
    }
    try {
      CelAbstractSyntaxTree ast = checked.getAst();
      Optional<Compilation.Invalid> unknown = unknownField(ast);
      return unknown.isPresent() ? unknown.get() : new Compilation.Compiled(runtime.createProgram(ast));
    } catch (CelValidationException | CelEvaluationException e) {
      return new Compilation.Invalid(1, 1, e.getMessage());
    }
  }

  /**
   * Evaluates a condition that was checked when the journey was saved; a null or blank condition
   * is true. A condition that fails at run time (a missing attribute) is false.
   */
  public boolean test(String expression, Map<String, Object> variables) {
    if (expression == null || expression.isBlank()) {
      return true;
    }
    CelRuntime.Program program = programs.computeIfAbsent(expression, e -> switch (compile(e)) {
      case Compilation.Compiled c -> c.program();
      case Compilation.Invalid i -> throw new IllegalStateException("unchecked condition: " + i.message());
    });
    try {
      return Boolean.TRUE.equals(program.eval(variables));
    } catch (CelEvaluationException e) {
      return false;
    }
  }

  private static Optional<Compilation.Invalid> unknownField(CelAbstractSyntaxTree ast) {
    return CelNavigableAst.fromAst(ast).getRoot().allNodes()
        .filter(n -> n.getKind() == CelExpr.ExprKind.Kind.SELECT)
        .filter(n -> n.expr().select().operand().getKind() == CelExpr.ExprKind.Kind.IDENT)
        .flatMap(n -> {
          String variable = n.expr().select().operand().ident().name();
          String field = n.expr().select().field();
          Set<String> known = "event".equals(variable) ? EVENT_FIELDS
              : "customer".equals(variable) ? CUSTOMER_FIELDS : null;
          if (known == null || known.contains(field)) {
            return java.util.stream.Stream.empty();
          }
          int offset = ast.getSource().getPositionsMap().getOrDefault(n.id(), 0);
          CelSourceLocation at = ast.getSource().getOffsetLocation(offset).orElse(CelSourceLocation.NONE);
          return java.util.stream.Stream.of(new Compilation.Invalid(Math.max(1, at.getLine()),
              Math.max(0, at.getColumn()) + 1,
              variable + " has no field '" + field + "'; known: " + String.join(", ", new TreeSet<>(known))));
        })
        .findFirst();
  }
}
