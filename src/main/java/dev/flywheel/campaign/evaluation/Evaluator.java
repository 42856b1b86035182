package dev.flywheel.campaign.evaluation;

import dev.flywheel.campaign.Campaigns;
import dev.flywheel.event.EventAccepted;
import dev.flywheel.platform.batch.TransactionBuffers;
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
 * <p>Per event, the listener only keeps the event in a transaction-bound buffer and looks its type
 * up in the in-memory campaign index ({@link Campaigns#listeningTo}); when no event of the
 * transaction has a listening campaign (or is a clawback trigger) nothing more happens: no SQL.
 * Otherwise the batch is evaluated just before commit (events no campaign listens to only feed
 * the customer state of later events, e.g. a {@code registered} with its inviter), ordered before the customer module's flush
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
    if (!TransactionBuffers.active()) {
      if (concerns(event)) {
        transactions.executeWithoutResult(status -> evaluation.run(List.of(event)));
      }
      return;
    }
    Buffer buffer = TransactionBuffers.bound(key, Buffer::new);
    buffer.events.add(event);
    buffer.concerned |= concerns(event);
  }

  private boolean concerns(EventAccepted event) {
    return InvestmentClawbacks.triggers(event) || !campaigns.listeningTo(event.tenantId(), event.type()).isEmpty();
  }

  private final class Buffer implements TransactionSynchronization {
    private List<EventAccepted> events = new ArrayList<>();
    private boolean concerned;

    @Override
    public int getOrder() {
      return ORDER;
    }

    @Override
    public void beforeCommit(boolean readOnly) {
      List<EventAccepted> batch = events;
      events = new ArrayList<>();
      if (concerned) {
        concerned = false;
        evaluation.run(batch);
      }
    }

    @Override
    public void afterCompletion(int status) {
      TransactionSynchronizationManager.unbindResourceIfPossible(key);
    }
  }
}
