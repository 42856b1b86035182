package dev.flywheel.campaign;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.flywheel.platform.cel.CelCheck;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The CEL environment of campaign rules. Variables:
 *
 * <pre>
 * event     map: type string, id string, occurred_at timestamp, channel string,
 *                attributes map(string, dyn), amount_fen int (exact), amount double (display only)
 * customer  map: id string, tags list(string), loan_stage string, lifecycle_stage string,
 *                acquisition_channel string, invited_by string, registered_at timestamp,
 *                attributes map(string, dyn)
 * is_first_today bool   the customer's first event of the trigger type today (tenant's zone)
 * is_first_ever  bool   the customer's first event of the trigger type ever
 * count_today(string) -> int   the customer's events of that type today, this one included
 * plus CEL's standard functions and macros (has, all, exists, exists_one, map, filter)
 * </pre>
 *
 * {@code event} and {@code customer} are maps, so CEL alone would accept any field name; a
 * misspelt field ({@code event.amout_fen}) is refused at save time with its position. Each
 * expression is also compiled to Java closures where it can be ({@link DirectCompiler}); the
 * interpreter stays the reference. Programs are immutable and thread-safe.
 */
final class RuleLanguage {
  static final Set<String> EVENT_FIELDS = Set.of("type", "id", "occurred_at", "channel", "attributes", "amount_fen",
      "amount");
  static final Set<String> CUSTOMER_FIELDS = Set.of("id", "tags", "loan_stage", "lifecycle_stage",
      "acquisition_channel", "invited_by", "registered_at", "attributes");
  private static final Map<String, Set<String>> FIELDS = Map.of("event", EVENT_FIELDS, "customer", CUSTOMER_FIELDS);
  static final String COUNT_TODAY = "count_today_string";
  private static final int MAX_LENGTH = 4_000;

  /** What an expression must return. */
  enum Result { BOOL, INT, STRING, ANY }

  /** A compiled expression or the first error's 1-based position. */
  sealed interface Compilation {
    record Compiled(CompiledExpression expression) implements Compilation {}

    record Invalid(int line, int column, String message) implements Compilation {}
  }

  private final Map<Result, CelCompiler> compilers = new EnumMap<>(Result.class);
  private final CelRuntime runtime;

  RuleLanguage() {
    compilers.put(Result.BOOL, compiler(SimpleType.BOOL));
    compilers.put(Result.INT, compiler(SimpleType.INT));
    compilers.put(Result.STRING, compiler(SimpleType.STRING));
    compilers.put(Result.ANY, compiler(SimpleType.DYN));
    this.runtime = CelRuntimeFactory.standardCelRuntimeBuilder().build();
  }

  private static CelCompiler compiler(CelType result) {
    return CelCompilerFactory.standardCelCompilerBuilder()
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .addVar("event", MapType.create(SimpleType.STRING, SimpleType.DYN))
        .addVar("customer", MapType.create(SimpleType.STRING, SimpleType.DYN))
        .addVar("is_first_today", SimpleType.BOOL)
        .addVar("is_first_ever", SimpleType.BOOL)
        .addFunctionDeclarations(CelFunctionDecl.newFunctionDeclaration("count_today",
            CelOverloadDecl.newGlobalOverload(COUNT_TODAY, SimpleType.INT, SimpleType.STRING)))
        .setResultType(result)
        .build();
  }

  Compilation compile(String expression, Result result) {
    return switch (CelCheck.of(compilers.get(result), expression, MAX_LENGTH, FIELDS)) {
      case CelCheck.Refused r -> new Compilation.Invalid(r.line(), r.column(), r.message());
      case CelCheck.Passed p -> {
        try {
          yield new Compilation.Compiled(new CompiledExpression(runtime.createProgram(p.ast()),
              DirectCompiler.compile(p.ast()).orElse(null)));
        } catch (CelEvaluationException e) {
          yield new Compilation.Invalid(1, 1, e.getMessage());
        }
      }
    };
  }
}
