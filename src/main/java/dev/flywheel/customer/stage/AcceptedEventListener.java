package dev.flywheel.customer.stage;

import dev.flywheel.event.EventAccepted;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Follows the event module: every accepted event updates its customer (creating it on first
 * sight), in the ingestion transaction but batched until just before commit.
 */
@Component
class AcceptedEventListener {
  private final PendingEvents pending;

  AcceptedEventListener(PendingEvents pending) {
    this.pending = pending;
  }

  @EventListener
  void on(EventAccepted event) {
    pending.add(event);
  }
}
