package dev.flywheel.campaign.evaluation;

import dev.flywheel.campaign.Campaigns;
import dev.flywheel.event.EventAccepted;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Meets accepted events with running campaigns, inside the ingestion transaction.
 *
 * <p>Per event, the listener only looks the event's type up in the in-memory campaign index
 * ({@link Campaigns#listeningTo}); when no campaign listens (and it is no clawback trigger) it
 * does nothing at all: no SQL. Otherwise the event is buffered with the transaction and the whole
 * batch is evaluated just before commit, ordered before the customer module's flush
 * ({@link #ORDER}), so rules see each customer as stored before this transaction's events (plus
 * what earlier events of the same batch set: invitation, registration, tags). Grants, caps,
 * decisions, signals and tags commit or roll back with the events. Outside a transaction an event
 * is evaluated at once in its own. Thread-safe: a buffer belongs to one transaction.
 */
@Component
class Evaluator {
  /** Before the customer module's buffer (lowest precedence), after nothing in particular. */
  static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 1_000;
  private final Object key = new Object();
  private final Campaigns campaigns;
  private final Evaluation evaluation;
  private final TransactionTemplate transactions;

  Evaluator(Campaigns campaigns, Evaluation evaluation, TransactionTemplate transactions) {
    this.campaigns = campaigns;
    this.evaluation = evaluation;
    this.transactions = transactions;
  }

  @EventListener
  void on(EventAccepted event) {
    if (!Clawbacks.triggers(event) && campaigns.listeningTo(event.tenantId(), event.type()).isEmpty()) {
      return;
    }
    if (!TransactionSynchronizationManager.isSynchronizationActive()
        || !TransactionSynchronizationManager.isActualTransactionActive()) {
      transactions.executeWithoutResult(status -> evaluation.run(List.of(event)));
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
    private List<EventAccepted> events = new ArrayList<>();

    @Override
    public int getOrder() {
      return ORDER;
    }

    @Override
    public void beforeCommit(boolean readOnly) {
      List<EventAccepted> batch = events;
      events = new ArrayList<>();
      if (!batch.isEmpty()) {
        evaluation.run(batch);
      }
    }

    @Override
    public void afterCompletion(int status) {
      TransactionSynchronizationManager.unbindResourceIfPossible(key);
    }
  }
}
