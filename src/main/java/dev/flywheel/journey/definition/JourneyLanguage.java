package dev.flywheel.journey.definition;

import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.flywheel.platform.cel.CelCheck;
import java.util.Map;
import java.util.Set;
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
 * and {@code phone_outcome}, a string: in a branch the outcome recorded for the run's latest phone
 * task ({@code REACHED}, {@code PROMISED}, {@code NO_ANSWER}, {@code REFUSED}), "" while none is
 * recorded and in every other condition.
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
  private static final Map<String, Set<String>> FIELDS = Map.of("event", EVENT_FIELDS, "customer", CUSTOMER_FIELDS);
  private static final int MAX_LENGTH = 4_000;
  /** In a branch: the recorded outcome of the run's latest phone task ({@code REACHED} …), else "". */
  public static final String PHONE_OUTCOME = "phone_outcome";

  /** A compiled condition, or the first error with its 1-based line and column. */
  public sealed interface Compilation {
    record Compiled(CelRuntime.Program program) implements Compilation {}

    record Invalid(int line, int column, String message) implements Compilation {}
  }

  private final CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
      .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
      .addVar("event", MapType.create(SimpleType.STRING, SimpleType.DYN))
      .addVar("customer", MapType.create(SimpleType.STRING, SimpleType.DYN))
      .addVar(PHONE_OUTCOME, SimpleType.STRING)
      .setResultType(SimpleType.BOOL)
      .build();
  private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().build();
  private final Map<String, CelRuntime.Program> programs = new ConcurrentHashMap<>();

  public Compilation compile(String expression) {
    return switch (CelCheck.of(compiler, expression, MAX_LENGTH, FIELDS)) {
      case CelCheck.Refused r -> new Compilation.Invalid(r.line(), r.column(), r.message());
      case CelCheck.Passed p -> {
        try {
          yield new Compilation.Compiled(runtime.createProgram(p.ast()));
        } catch (CelEvaluationException e) {
          yield new Compilation.Invalid(1, 1, e.getMessage());
        }
      }
    };
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
    Map<String, Object> all = variables;
    if (!variables.containsKey(PHONE_OUTCOME)) {
      all = new java.util.HashMap<>(variables);
      all.put(PHONE_OUTCOME, "");
    }
    try {
      return Boolean.TRUE.equals(program.eval(all));
    } catch (CelEvaluationException e) {
      return false;
    }
  }
}
