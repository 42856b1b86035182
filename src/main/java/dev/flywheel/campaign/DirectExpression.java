package dev.flywheel.campaign;

/**
 * A checked CEL expression compiled into a tree of small Java closures ({@link DirectCompiler}),
 * evaluated straight against an {@link Activation} without the CEL interpreter.
 *
 * <p>It covers the common subset of CEL and is exact where it answers: it returns a value only
 * when CEL's interpreter would return the same value. Whenever it is not sure — a CEL error
 * (missing key, overflow, division by zero, wrong type), an unusual mix of types, a value kind it
 * does not model — it returns {@link #ASK_CEL} and the caller runs the interpreter for that
 * expression, which then gives the value or the exact error. Immutable and thread-safe.
 */
@FunctionalInterface
interface DirectExpression {
  /** "Not sure: ask the CEL interpreter." Never a CEL value. */
  Object ASK_CEL = new Object() {
    @Override
    public String toString() {
      return "ASK_CEL";
    }
  };

  /** @return the value CEL would return, or {@link #ASK_CEL} */
  Object eval(Activation activation);
}
