package dev.flywheel.platform.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A client-facing failure that leaves as an RFC 9457 problem detail with a stable {@code code}
 * and, where one field is at fault, the field(s). Codes are part of the API: never rename one.
 */
public class Problem extends RuntimeException {
  private final HttpStatus status;
  private final String code;
  private final List<FieldIssue> fields;

  public Problem(HttpStatus status, String code, String detail, List<FieldIssue> fields) {
    super(detail);
    this.status = status;
    this.code = code;
    this.fields = List.copyOf(fields);
  }

  public static Problem badRequest(String code, String detail, FieldIssue... fields) {
    return new Problem(HttpStatus.BAD_REQUEST, code, detail, List.of(fields));
  }

  public static Problem invalid(String code, String detail, List<FieldIssue> fields) {
    return new Problem(HttpStatus.UNPROCESSABLE_CONTENT, code, detail, fields);
  }

  public static Problem notFound(String what, String id) {
    return new Problem(HttpStatus.NOT_FOUND, "not-found", what + " " + id + " was not found", List.of());
  }

  public static Problem conflict(String code, String detail) {
    return new Problem(HttpStatus.CONFLICT, code, detail, List.of());
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  public List<FieldIssue> fields() {
    return fields;
  }
}
