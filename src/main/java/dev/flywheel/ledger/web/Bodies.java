package dev.flywheel.ledger.web;

import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.util.List;
import java.util.Map;

/** Reads the few fields of ledger request bodies, naming the field at fault. */
final class Bodies {
  private Bodies() {}

  static String requestId(Map<String, Object> body) {
    Object value = body == null ? null : body.get("request_id");
    if (!(value instanceof String s) || !s.matches("[A-Za-z0-9._:-]{1,64}")) {
      throw invalid("request_id", "1 to 64 of A-Z a-z 0-9 . _ : -");
    }
    return s;
  }

  static String text(Map<String, Object> body, String field, int maxLength) {
    Object value = body == null ? null : body.get(field);
    if (!(value instanceof String s) || s.isBlank() || s.length() > maxLength) {
      throw invalid(field, "a text of 1 to " + maxLength + " characters");
    }
    return s;
  }

  static long number(Map<String, Object> body, String field, long min, long max) {
    Object value = body == null ? null : body.get(field);
    if (!(value instanceof Number n) || n.longValue() != n.doubleValue() || n.longValue() < min || n.longValue() > max) {
      throw invalid(field, "a whole number from " + min + " to " + max);
    }
    return n.longValue();
  }

  static Long optionalNumber(Map<String, Object> body, String field, long min, long max) {
    return body == null || body.get(field) == null ? null : number(body, field, min, max);
  }

  static Problem invalid(String field, String expected) {
    return Problem.invalid("invalid-request", "The request has an invalid field",
        List.of(new FieldIssue(field, "invalid", "must be " + expected)));
  }
}
