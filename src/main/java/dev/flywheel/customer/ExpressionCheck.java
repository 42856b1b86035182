package dev.flywheel.customer;

/**
 * The verdict on a segment expression: it type-checks as a boolean over the segment variables,
 * or it does not, with the first error's position (1-based line and column).
 */
public sealed interface ExpressionCheck {
  record Valid() implements ExpressionCheck {}

  record Invalid(int line, int column, String message) implements ExpressionCheck {}
}
