package dev.flywheel.experiment.store;

import dev.flywheel.event.EventAccepted;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Follows the event module: an accepted event of an experiment's metric type, at or after the
 * customer's exposure, becomes that customer's conversion (once). Events are collected per
 * transaction and converted in one set-based statement just before commit, so a batch of a
 * thousand events costs one round trip; outside a transaction an event is converted at once.
 */
@Component
class ConversionListener {
  private final Object key = new Object();
  private final ExperimentStore store;
  private final TransactionTemplate transactions;

  ConversionListener(ExperimentStore store, TransactionTemplate transactions) {
    this.store = store;
    this.transactions = transactions;
  }

  @EventListener
  void on(EventAccepted event) {
    if (event.customerId() == null) {
      return;
    }
    if (!TransactionSynchronizationManager.isSynchronizationActive()
        || !TransactionSynchronizationManager.isActualTransactionActive()) {
      transactions.executeWithoutResult(status -> store.convert(List.of(event)));
      return;
    }
    Buffer buffer = (Buffer) TransactionSynchronizationManager.getResource(key);
    if (buffer == null) {
      buffer = new Buffer();
      TransactionSynchronizationManager.bindResource(key, buffer);
      TransactionSynchronizationManager.registerSynchronization(buffer);
    }
    buffer.events.add(event);
  }

  private final class Buffer implements TransactionSynchronization {
    private final List<EventAccepted> events = new ArrayList<>();

    @Override
    public void beforeCommit(boolean readOnly) {
      if (!events.isEmpty()) {
        store.convert(events);
      }
    }

    @Override
    public void afterCompletion(int status) {
      TransactionSynchronizationManager.unbindResourceIfPossible(key);
    }
  }
}
