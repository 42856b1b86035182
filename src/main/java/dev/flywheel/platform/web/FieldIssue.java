package dev.flywheel.platform.web;

/**
 * One field at fault in a request.
 *
 * @param field JSON path of the field, e.g. {@code events[3].attributes.amount}
 * @param code stable machine-readable reason, e.g. {@code too-many-decimals}
 * @param message human-readable explanation
 */
public record FieldIssue(String field, String code, String message) {
  public FieldIssue prefixed(String prefix) {
    return new FieldIssue(prefix + field, code, message);
  }
}
