package dev.flywheel.reach.web;

import dev.flywheel.platform.tenancy.CurrentTenant;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import dev.flywheel.reach.Channel;
import dev.flywheel.reach.MessageCategory;
import dev.flywheel.reach.Reach;
import dev.flywheel.reach.SendOutcome;
import dev.flywheel.reach.SendRequest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sends from outside: {@code {"customer_id", "channel", "category", "template", "values"?,
 * "dedupe_key", "not_before"?, "expires_at"?}} (source {@code api}). 201 with the planned message
 * (200 on a replayed dedupe key); a refusal is a 422 whose {@code code} is the reason, e.g.
 * {@code opted-out}.
 */
@RestController
@RequestMapping("/api/v1/reach/messages")
class MessageController {
  private final CurrentTenant tenant;
  private final Reach reach;

  MessageController(CurrentTenant tenant, Reach reach) {
    this.tenant = tenant;
    this.reach = reach;
  }

  @PostMapping
  ResponseEntity<Map<String, Object>> send(@RequestBody(required = false) Map<String, Object> body) {
    SendOutcome outcome = reach.send(request(body == null ? Map.of() : body));
    if (outcome instanceof SendOutcome.Refused r) {
      throw Problem.invalid(r.reason(), r.detail(), List.of());
    }
    SendOutcome.Queued q = (SendOutcome.Queued) outcome;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("message_id", q.messageId());
    out.put("planned_at", q.plannedAt());
    out.put("variant", q.variant());
    out.put("replay", q.replay());
    return ResponseEntity.status(q.replay() ? HttpStatus.OK : HttpStatus.CREATED).body(out);
  }

  @GetMapping("/{id}")
  Map<String, Object> status(@PathVariable long id) {
    return reach.status(tenant.id(), id).map(s -> Map.<String, Object>of("message_id", id, "status", s.name()))
        .orElseThrow(() -> Problem.notFound("message", String.valueOf(id)));
  }

  @SuppressWarnings("unchecked")
  private SendRequest request(Map<String, Object> b) {
    List<FieldIssue> issues = new ArrayList<>();
    String customer = text(b, "customer_id", issues);
    Channel channel = oneOf(Channel.class, b, "channel", issues);
    MessageCategory category = oneOf(MessageCategory.class, b, "category", issues);
    String template = text(b, "template", issues);
    String dedupe = text(b, "dedupe_key", issues);
    Instant notBefore = time(b, "not_before", issues);
    Instant expires = time(b, "expires_at", issues);
    Object values = b.getOrDefault("values", Map.of());
    if (!(values instanceof Map<?, ?>)) {
      issues.add(new FieldIssue("values", "invalid", "an object"));
    }
    if (!issues.isEmpty()) {
      throw Problem.invalid("invalid-request", "The message request has " + issues.size() + " problem(s)", issues);
    }
    return new SendRequest(tenant.id(), customer, channel, category, template, (Map<String, Object>) values, "api",
        "api/" + dedupe, notBefore, expires);
  }

  private static String text(Map<String, Object> b, String field, List<FieldIssue> issues) {
    if (b.get(field) instanceof String s && !s.isBlank() && s.length() <= 128) {
      return s;
    }
    issues.add(new FieldIssue(field, "required", "a text of 1 to 128 characters"));
    return null;
  }

  private static <E extends Enum<E>> E oneOf(Class<E> type, Map<String, Object> b, String field,
      List<FieldIssue> issues) {
    try {
      return Enum.valueOf(type, String.valueOf(b.get(field)));
    } catch (IllegalArgumentException e) {
      issues.add(new FieldIssue(field, "invalid", "one of " + List.of(type.getEnumConstants())));
      return null;
    }
  }

  private static Instant time(Map<String, Object> b, String field, List<FieldIssue> issues) {
    if (b.get(field) == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(String.valueOf(b.get(field))).toInstant();
    } catch (DateTimeParseException e) {
      issues.add(new FieldIssue(field, "invalid", "an ISO-8601 time with an offset"));
      return null;
    }
  }
}
