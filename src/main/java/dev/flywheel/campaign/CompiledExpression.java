package dev.flywheel.campaign;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

/**
 * One checked rule expression in both executable forms: the CEL interpreter's program (always)
 * and, when the expression lies in the subset {@link DirectCompiler} compiles, a
 * {@link DirectExpression}. {@link #eval} tries the direct form first and runs the interpreter
 * only when the direct form is not sure (errors, unusual types), so values and error messages
 * are always the interpreter's. Immutable and thread-safe.
 *
 * @param direct null when the expression is outside the subset
 */
record CompiledExpression(CelRuntime.Program program, DirectExpression direct) {

  Object eval(Activation activation) throws CelEvaluationException {
    Object value = direct(activation);
    return value != DirectExpression.ASK_CEL ? value : interpret(activation);
  }

  /**
   * The direct form's answer, or {@link DirectExpression#ASK_CEL}. Only plain values (bool, int,
   * double, string) leave the direct form; CEL may adapt others (lists, maps) on the way out.
   */
  Object direct(Activation activation) {
    if (direct == null) {
      return DirectExpression.ASK_CEL;
    }
    Object v = direct.eval(activation);
    return v instanceof Boolean || v instanceof Long || v instanceof String || v instanceof Double
        ? v : DirectExpression.ASK_CEL;
  }

  /** The CEL interpreter alone (the reference the direct form is tested and measured against). */
  Object interpret(Activation activation) throws CelEvaluationException {
    return program.eval(activation.variables(), activation.functions());
  }

  Object eval(Activation activation, boolean directFirst) throws CelEvaluationException {
    return directFirst ? eval(activation) : interpret(activation);
  }
}
