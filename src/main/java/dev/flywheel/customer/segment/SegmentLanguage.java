package dev.flywheel.customer.segment;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.flywheel.customer.ExpressionCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The CEL environment of segments. Variables (see {@link SegmentVariables} for how missing values
 * are filled):
 *
 * <pre>
 * tags list(string)              loan_stage string             lifecycle_stage string
 * stage_entered_at timestamp     lifecycle_entered_at timestamp registered_at timestamp
 * last_active_at timestamp       acquisition_channel string    city string
 * risk_level string              asset_tier string             attributes map(string, dyn)
 * consent map(string, bool)
 * </pre>
 *
 * plus {@code days_since(timestamp) -> int}: whole days from the timestamp to the injected
 * clock's now (negative for the future). Expressions must be boolean. Compiled programs of saved
 * segments are cached by expression text (programs are immutable and thread-safe).
 */
@Component
public class SegmentLanguage {
  private static final int MAX_LENGTH = 4_000;
  private static final int MAX_CACHED = 10_000;
  private final CelCompiler compiler;
  private final CelRuntime runtime;
  private final Map<String, CelRuntime.Program> programs = new ConcurrentHashMap<>();

  SegmentLanguage(Clock clock) {
    this.compiler = CelCompilerFactory.standardCelCompilerBuilder()
        .addVar("tags", ListType.create(SimpleType.STRING))
        .addVar("loan_stage", SimpleType.STRING)
        .addVar("lifecycle_stage", SimpleType.STRING)
        .addVar("stage_entered_at", SimpleType.TIMESTAMP)
        .addVar("lifecycle_entered_at", SimpleType.TIMESTAMP)
        .addVar("registered_at", SimpleType.TIMESTAMP)
        .addVar("last_active_at", SimpleType.TIMESTAMP)
        .addVar("acquisition_channel", SimpleType.STRING)
        .addVar("city", SimpleType.STRING)
        .addVar("risk_level", SimpleType.STRING)
        .addVar("asset_tier", SimpleType.STRING)
        .addVar("attributes", MapType.create(SimpleType.STRING, SimpleType.DYN))
        .addVar("consent", MapType.create(SimpleType.STRING, SimpleType.BOOL))
        .addFunctionDeclarations(CelFunctionDecl.newFunctionDeclaration("days_since",
            CelOverloadDecl.newGlobalOverload("days_since_timestamp", SimpleType.INT, SimpleType.TIMESTAMP)))
        .setResultType(SimpleType.BOOL)
        .build();
    this.runtime = CelRuntimeFactory.standardCelRuntimeBuilder()
        .addFunctionBindings(CelFunctionBinding.from("days_since_timestamp", Instant.class,
            (Instant t) -> Duration.between(t, clock.instant()).toDays()))
        .build();
  }

  public ExpressionCheck check(String expression) {
    if (expression == null || expression.isBlank()) {
      return new ExpressionCheck.Invalid(1, 1, "the expression is empty");
    }
    if (expression.length() > MAX_LENGTH) {
      return new ExpressionCheck.Invalid(1, MAX_LENGTH, "the expression is longer than " + MAX_LENGTH + " characters");
    }
    CelValidationResult result = compiler.compile(expression);
    if (!result.hasError()) {
      return new ExpressionCheck.Valid();
    }
    CelIssue first = result.getErrors().getFirst();
    int line = Math.max(1, first.getSourceLocation().getLine());
    int column = Math.max(0, first.getSourceLocation().getColumn()) + 1;
    return new ExpressionCheck.Invalid(line, column, first.getMessage());
  }

  /** A program for a checked expression; cached for saved segments, fresh for previews. */
  public CelRuntime.Program program(String expression, boolean cache) {
    if (!cache) {
      return compile(expression);
    }
    if (programs.size() > MAX_CACHED) {
      programs.clear();
    }
    return programs.computeIfAbsent(expression, this::compile);
  }

  /** True when the program says so; an evaluation error (e.g. a missing attribute key) is false. */
  static boolean matches(CelRuntime.Program program, Map<String, Object> variables) {
    try {
      return Boolean.TRUE.equals(program.eval(variables));
    } catch (CelEvaluationException e) {
      return false;
    }
  }

  private CelRuntime.Program compile(String expression) {
    try {
      return runtime.createProgram(compiler.compile(expression).getAst());
    } catch (CelValidationException | CelEvaluationException e) {
      throw new IllegalArgumentException("expression was not checked before use: " + e.getMessage(), e);
    }
  }
}
