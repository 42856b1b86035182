package dev.flywheel.platform.web;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Turns every failure of a REST controller into a problem detail; never a stack trace. */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemAdvice {
  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

  @ExceptionHandler(Problem.class)
  ResponseEntity<ProblemDetail> problem(Problem p) {
    return respond(p.status(), p.code(), p.getMessage(), p.fields());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
    if (BodySizeLimitFilter.BodyTooLarge.causedBy(e)) {
      return respond(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "The request body is too large", List.of());
    }
    String detail = e.getMostSpecificCause() instanceof tools.jackson.core.JacksonException je
        ? "Malformed JSON: " + je.getOriginalMessage()
        : "The request body could not be read as JSON";
    return respond(HttpStatus.BAD_REQUEST, "malformed-json", detail, List.of());
  }

  @ExceptionHandler(MethodArgumentNotValidException.class)
  ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException e) {
    List<FieldIssue> fields = e.getBindingResult().getFieldErrors().stream()
        .map(f -> new FieldIssue(f.getField(), "invalid", f.getDefaultMessage()))
        .toList();
    return respond(HttpStatus.UNPROCESSABLE_CONTENT, "validation-failed", "The request has invalid fields", fields);
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
    return respond(HttpStatus.BAD_REQUEST, "missing-parameter", e.getMessage(),
        List.of(new FieldIssue(e.getParameterName(), "required", "is required")));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException e) {
    return respond(HttpStatus.BAD_REQUEST, "invalid-parameter", "Parameter has the wrong type",
        List.of(new FieldIssue(e.getName(), "wrong-type", "has the wrong type")));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
    return respond(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
        "Send application/json", List.of());
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
    return respond(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", e.getMessage(), List.of());
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e) {
    return respond(HttpStatus.NOT_FOUND, "not-found", "No such resource", List.of());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    log.error("unexpected failure", e);
    return respond(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
        "Something went wrong on our side; nothing was half-written", List.of());
  }

  private static ResponseEntity<ProblemDetail> respond(HttpStatus status, String code, String detail,
      List<FieldIssue> fields) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ProblemResponses.of(status, code, detail, fields));
  }
}
