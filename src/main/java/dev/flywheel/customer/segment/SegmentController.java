package dev.flywheel.customer.segment;

import dev.flywheel.customer.ExpressionCheck;
import dev.flywheel.customer.Segment;
import dev.flywheel.customer.SegmentMembers;
import dev.flywheel.customer.Segments;
import dev.flywheel.platform.tenancy.CurrentTenant;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import dev.flywheel.platform.web.ProblemResponses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Segments over HTTP. An expression that does not type-check is refused with problem
 * {@code invalid-segment-expression} (422), field {@code expression}, and the error position as
 * {@code line}/{@code column} properties (1-based) and in the detail.
 */
@RestController
@RequestMapping("/api/v1/segments")
class SegmentController {
  static final String INVALID_SEGMENT = "invalid-segment";
  static final String INVALID_EXPRESSION = "invalid-segment-expression";
  private final CurrentTenant tenant;
  private final Segments segments;

  SegmentController(CurrentTenant tenant, Segments segments) {
    this.tenant = tenant;
    this.segments = segments;
  }

  @PostMapping
  ResponseEntity<?> create(@RequestBody Map<String, Object> body) {
    List<FieldIssue> issues = new ArrayList<>();
    String name = text(body, "name", 100, true, issues);
    String description = text(body, "description", 1000, false, issues);
    if (!issues.isEmpty()) {
      throw Problem.invalid(INVALID_SEGMENT, "The segment has invalid fields", issues);
    }
    return switch (segments.create(tenant.id(), name, description, expression(body), tenant.actor())) {
      case Segments.Creation.Created created ->
          ResponseEntity.status(HttpStatus.CREATED).body(json(created.segment(), null));
      case Segments.Creation.Rejected rejected -> invalidExpression(rejected.problem());
      case Segments.Creation.NameTaken taken ->
          throw Problem.conflict("segment-name-taken", "A segment named '" + taken.name() + "' exists");
    };
  }

  @GetMapping
  List<Map<String, Object>> list() {
    return segments.list(tenant.id()).stream().map(s -> json(s, null)).toList();
  }

  @GetMapping("/{id}")
  Map<String, Object> get(@PathVariable long id) {
    Segment segment = segments.find(tenant.id(), id).orElseThrow(() -> Problem.notFound("segment", String.valueOf(id)));
    return json(segment, segments.count(tenant.id(), id));
  }

  @GetMapping("/{id}/members")
  Map<String, Object> members(@PathVariable long id, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    SegmentMembers members = segments.members(tenant.id(), id, page, size);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("segment_id", members.segmentId());
    json.put("customer_ids", members.customerIds());
    json.put("page", members.page());
    json.put("size", members.size());
    json.put("total", members.total());
    return json;
  }

  @PostMapping("/preview")
  ResponseEntity<?> preview(@RequestBody Map<String, Object> body) {
    String expression = expression(body);
    if (segments.check(expression) instanceof ExpressionCheck.Invalid invalid) {
      return invalidExpression(invalid);
    }
    return ResponseEntity.ok(Map.of("count", segments.preview(tenant.id(), expression)));
  }

  private static String expression(Map<String, Object> body) {
    return body.get("expression") instanceof String s ? s : null;
  }

  private static ResponseEntity<ProblemDetail> invalidExpression(ExpressionCheck.Invalid invalid) {
    String detail = "line " + invalid.line() + ", column " + invalid.column() + ": " + invalid.message();
    ProblemDetail problem = ProblemResponses.of(HttpStatus.UNPROCESSABLE_CONTENT, INVALID_EXPRESSION, detail,
        List.of(new FieldIssue("expression", "invalid-expression", detail)));
    problem.setProperty("line", invalid.line());
    problem.setProperty("column", invalid.column());
    return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  private static String text(Map<String, Object> body, String field, int max, boolean required,
      List<FieldIssue> issues) {
    Object v = body.get(field);
    if (v == null && !required) {
      return null;
    }
    if (!(v instanceof String s) || s.isBlank() || s.length() > max) {
      issues.add(new FieldIssue(field, "invalid", "must be a string of 1-" + max + " characters"));
      return null;
    }
    return s.strip();
  }

  private static Map<String, Object> json(Segment s, Long count) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", s.id());
    json.put("name", s.name());
    json.put("description", s.description());
    json.put("expression", s.expression());
    json.put("created_by", s.createdBy());
    json.put("created_at", s.createdAt());
    if (count != null) {
      json.put("count", count);
    }
    return json;
  }
}
