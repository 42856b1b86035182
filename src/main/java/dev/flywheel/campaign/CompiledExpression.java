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
    if (direct != null) {
      Object value = direct.eval(activation);
      if (value != DirectExpression.ASK_CEL) {
        return value;
      }
    }
    return interpret(activation);
  }

  /** The CEL interpreter alone (the reference the direct form is tested and measured against). */
  Object interpret(Activation activation) throws CelEvaluationException {
    return program.eval(activation.variables(), activation.functions());
  }

  Object eval(Activation activation, boolean directFirst) throws CelEvaluationException {
    return directFirst ? eval(activation) : interpret(activation);
  }
}
