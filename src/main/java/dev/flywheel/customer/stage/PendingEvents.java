package dev.flywheel.customer.stage;

import dev.flywheel.event.EventAccepted;
import dev.flywheel.platform.batch.TransactionBuffers;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A transaction-bound buffer of accepted events. Inside a transaction, events are only collected;
 * they are applied in one batch just before commit ({@code beforeCommit}), so a 1,000-event
 * ingestion costs a few set-based statements instead of thousands of round trips. A failure in
 * the flush rolls the whole transaction back, events included. Outside a transaction an event is
 * applied at once in its own transaction. Thread-safe: each buffer belongs to one transaction,
 * hence one thread.
 */
@Component
public class PendingEvents {
  private final Object key = new Object();
  private final StageUpdate update;
  private final TransactionTemplate transactions;

  PendingEvents(StageUpdate update, TransactionTemplate transactions) {
    this.update = update;
    this.transactions = transactions;
  }

  void add(EventAccepted event) {
    if (!TransactionBuffers.active()) {
      transactions.executeWithoutResult(status -> update.apply(List.of(event)));
      return;
    }
    Buffer buffer = TransactionBuffers.bound(key, Buffer::new);
    buffer.events.add(event);
  }

  /**
   * Applies what this transaction has buffered so far, so a read later in the same transaction
   * sees it (read-your-writes for listeners that run after ours). No-op when nothing is pending.
   */
  public void flush() {
    if (TransactionSynchronizationManager.getResource(key) instanceof Buffer buffer) {
      buffer.drain();
    }
  }

  private final class Buffer implements TransactionSynchronization {
    private List<EventAccepted> events = new ArrayList<>();

    void drain() {
      if (!events.isEmpty()) {
        List<EventAccepted> batch = events;
        events = new ArrayList<>();
        update.apply(batch);
      }
    }

    @Override
    public void beforeCommit(boolean readOnly) {
      drain();
    }

    @Override
    public void afterCompletion(int status) {
      TransactionSynchronizationManager.unbindResourceIfPossible(key);
    }
  }
}
