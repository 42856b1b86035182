package dev.flywheel.campaign.evaluation;

import dev.flywheel.platform.tenancy.CurrentTenant;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Explanations for operators (why a campaign did or did not apply to a customer's event) and the
 * signal outbox for other systems. API key; see {@code docs/api/evaluation.md}.
 */
@RestController
class EvaluationController {
  private final CurrentTenant tenant;
  private final DecisionStore store;
  private final Clock clock;

  EvaluationController(CurrentTenant tenant, DecisionStore store, Clock clock) {
    this.tenant = tenant;
    this.store = store;
    this.clock = clock;
  }

  /** Newest first; with {@code event_id} only that event's decisions (404 when there are none). */
  @GetMapping("/api/v1/customers/{id}/explanations")
  Map<String, Object> explanations(@PathVariable String id, @RequestParam(name = "event_id", required = false) String eventId,
      @RequestParam(defaultValue = "100") int limit) {
    List<Map<String, Object>> rows = store.explanations(tenant.id(), id, eventId, Math.clamp(limit, 1, 500));
    if (eventId != null && rows.isEmpty()) {
      throw Problem.notFound("explanation", eventId);
    }
    return Map.of("customer_id", id, "explanations", rows);
  }

  /** Signals after the cursor {@code after} (an id), oldest first; {@code next_after} continues. */
  @GetMapping("/api/v1/signals")
  Map<String, Object> signals(@RequestParam(defaultValue = "0") long after, @RequestParam(defaultValue = "100") int limit) {
    List<Map<String, Object>> rows = store.signals(tenant.id(), after, Math.clamp(limit, 1, 1000));
    long next = rows.isEmpty() ? after : (Long) rows.getLast().get("id");
    return Map.of("signals", rows, "next_after", next);
  }

  record Ack(List<Long> ids) {}

  /** Marks signals delivered; idempotent (an id acknowledged before counts no more). */
  @PostMapping("/api/v1/signals/ack")
  Map<String, Object> acknowledge(@RequestBody Ack ack) {
    if (ack == null || ack.ids() == null || ack.ids().size() > 1000) {
      throw Problem.invalid("invalid-request", "Send {\"ids\": [...]} with at most 1,000 ids",
          List.of(new FieldIssue("ids", "invalid-request", "an array of up to 1,000 signal ids")));
    }
    return Map.of("acknowledged", store.acknowledge(tenant.id(), ack.ids(), clock.instant()));
  }
}
