package dev.flywheel.event.web;

import dev.flywheel.event.EventHistory;
import dev.flywheel.event.StoredEvent;
import dev.flywheel.platform.tenancy.CurrentTenant;
import dev.flywheel.platform.web.Problem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Reading events back; only ever the calling tenant's. */
@RestController
class EventReadController {
  private final EventHistory history;
  private final CurrentTenant tenant;

  EventReadController(EventHistory history, CurrentTenant tenant) {
    this.history = history;
    this.tenant = tenant;
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record EventBody(long seq, String eventId, String customerId, String type, Instant occurredAt,
      Instant receivedAt, Map<String, Object> attributes, String channel, String campaign) {
    static EventBody of(StoredEvent e) {
      return new EventBody(e.seq(), e.eventId(), e.customerId(), e.type(), e.occurredAt(), e.receivedAt(),
          e.attributes(), e.channel(), e.campaign());
    }
  }

  /** Newest first; an empty list when the customer has no events; next page with {@code before=<last seq>}. */
  @GetMapping("/api/v1/customers/{customerId}/events")
  Map<String, List<EventBody>> ofCustomer(@PathVariable String customerId,
      @RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) Long before) {
    return Map.of("events", history.lastEvents(tenant.id(), customerId, limit, before).stream()
        .map(EventBody::of).toList());
  }

  @GetMapping("/api/v1/events/{eventId}")
  EventBody one(@PathVariable String eventId) {
    return history.find(tenant.id(), eventId).map(EventBody::of)
        .orElseThrow(() -> Problem.notFound("Event", eventId));
  }
}
