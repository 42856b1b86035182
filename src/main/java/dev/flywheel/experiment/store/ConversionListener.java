package dev.flywheel.experiment.store;

import dev.flywheel.event.EventAccepted;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Follows the event module: an accepted event of an experiment's metric type, after the
 * customer's exposure, becomes that customer's conversion (once), in the ingestion transaction.
 */
@Component
class ConversionListener {
  private final ExperimentStore store;

  ConversionListener(ExperimentStore store) {
    this.store = store;
  }

  @EventListener
  void on(EventAccepted event) {
    if (event.customerId() != null) {
      store.convert(event.tenantId(), event.customerId(), event.type(), event.occurredAt());
    }
  }
}
