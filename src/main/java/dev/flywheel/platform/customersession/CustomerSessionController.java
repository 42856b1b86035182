package dev.flywheel.platform.customersession;

import dev.flywheel.platform.tenancy.CurrentTenant;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The app backend asks for a customer's session token (API key): {@code docs/api/customer-sessions.md}. */
@RestController
class CustomerSessionController {
  private final CurrentTenant tenant;
  private final CustomerSessions sessions;
  private final CustomerSessionProperties properties;

  CustomerSessionController(CurrentTenant tenant, CustomerSessions sessions, CustomerSessionProperties properties) {
    this.tenant = tenant;
    this.sessions = sessions;
    this.properties = properties;
  }

  /** {@code {"customer_id", "ttl_seconds"?}} → 201 {@code {token, customer_id, expires_at}}. */
  @PostMapping("/api/v1/customer-sessions")
  ResponseEntity<Map<String, Object>> issue(@RequestBody(required = false) Map<String, Object> body) {
    Object customer = body == null ? null : body.get("customer_id");
    if (!(customer instanceof String id) || id.isBlank() || id.length() > CustomerSessions.MAX_CUSTOMER_ID_LENGTH) {
      throw Problem.invalid("validation-failed", "The request has invalid fields", java.util.List.of(
          new FieldIssue("customer_id", "required", "a customer id of 1.." + CustomerSessions.MAX_CUSTOMER_ID_LENGTH
              + " characters")));
    }
    Duration ttl = null;
    Object seconds = body.get("ttl_seconds");
    if (seconds != null) {
      long max = properties.maxTtl().toSeconds();
      if (!(seconds instanceof Number n) || n.longValue() < 1 || n.longValue() > max
          || n.doubleValue() != n.longValue()) {
        throw Problem.invalid("validation-failed", "The request has invalid fields", java.util.List.of(
            new FieldIssue("ttl_seconds", "out-of-range", "a whole number of seconds, 1.." + max)));
      }
      ttl = Duration.ofSeconds(n.longValue());
    }
    IssuedSession issued = sessions.issue(tenant.id(), id, ttl);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("token", issued.token());
    json.put("customer_id", issued.customerId());
    json.put("expires_at", issued.expiresAt().toString());
    return ResponseEntity.status(HttpStatus.CREATED).body(json);
  }
}
