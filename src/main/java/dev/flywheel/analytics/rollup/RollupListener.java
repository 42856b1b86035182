package dev.flywheel.analytics.rollup;

import dev.flywheel.customer.Customers;
import dev.flywheel.customer.LifecycleStageChanged;
import dev.flywheel.customer.LoanStageChanged;
import dev.flywheel.event.EventAccepted;
import dev.flywheel.platform.batch.TransactionBuffers;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Feeds the rollups from the ingestion transaction: accepted events are buffered per transaction
 * and queued just before commit, one {@link RollupFeed} row per tenant committed with the events
 * (their rollups are written after the commit, by the feed); the feed worker is woken after the
 * commit. Outside a transaction an event is queued in one of its own. Lifecycle-stage changes are
 * counted per day, and loan- and lifecycle-stage transitions per day and (from, to) pair, in the
 * same buffer and still inside the transaction ({@link StageCounts}: one statement per table per
 * transaction, written last): they are known only while it runs.
 */
@Component
class RollupListener {
  private final Object key = new Object();
  private final RollupFeed feed;
  private final TransactionTemplate transactions;
  private final JdbcClient jdbc;
  private final DataSource dataSource;
  private final LiveSwitch live;
  private final Customers customers;

  RollupListener(RollupFeed feed, TransactionTemplate transactions, JdbcClient jdbc, DataSource dataSource,
      LiveSwitch live, Customers customers) {
    this.live = live;
    this.customers = customers;
    this.dataSource = dataSource;
    this.feed = feed;
    this.transactions = transactions;
    this.jdbc = jdbc;
  }

  @EventListener
  void on(EventAccepted event) {
    if (!TransactionBuffers.active()) {
      if (live.live()) {
        transactions.executeWithoutResult(status -> feed.enqueue(event.tenantId(), List.of(event)));
        feed.wake();
      }
      return;
    }
    // bound even while live rollups are paused: the stage changes this event causes count into it
    Buffer buffer = TransactionBuffers.bound(key, Buffer::new);
    if (live.live()) {
      buffer.events.add(event);
    }
  }

  @EventListener
  void on(LifecycleStageChanged change) {
    count(counts -> counts.lifecycle(change.tenantId(), LocalDate.ofInstant(change.at(), ZoneOffset.UTC),
        change.from() == null ? null : change.from().name(), change.to().name()));
  }

  @EventListener
  void on(LoanStageChanged change) {
    count(counts -> counts.flow(change.tenantId(), LocalDate.ofInstant(change.at(), ZoneOffset.UTC), "LOAN",
        change.from() == null ? "" : change.from().name(), change.to().name()));
  }

  /** Counts a stage change in the transaction's buffer (written before commit), or at once outside one. */
  private void count(java.util.function.Consumer<StageCounts> change) {
    if (!TransactionBuffers.active()) {
      StageCounts counts = new StageCounts();
      change.accept(counts);
      transactions.executeWithoutResult(status -> counts.write(jdbc, dataSource));
      return;
    }
    Buffer buffer = TransactionBuffers.bound(key, Buffer::new);
    change.accept(buffer.stages);
    if (buffer.written) { // published after this transaction's buffer was written: written at once
      buffer.stages.write(jdbc, dataSource);
    }
  }

  private final class Buffer implements TransactionSynchronization {
    private final List<EventAccepted> events = new ArrayList<>();
    private final StageCounts stages = new StageCounts();
    private boolean written;
    private boolean queued;

    @Override
    public void beforeCommit(boolean readOnly) {
      customers.applyPending(); // the customer module's buffered events publish their stage changes now
      Map<Long, List<EventAccepted>> byTenant = new LinkedHashMap<>();
      events.forEach(e -> byTenant.computeIfAbsent(e.tenantId(), t -> new ArrayList<>()).add(e));
      events.clear();
      byTenant.forEach(feed::enqueue);
      queued = !byTenant.isEmpty();
      stages.write(jdbc, dataSource); // last: the day's stage rows are the ones every transaction shares
      written = true;
    }

    @Override
    public void afterCommit() {
      if (queued) {
        feed.wake();
      }
    }

    @Override
    public void afterCompletion(int status) {
      TransactionSynchronizationManager.unbindResourceIfPossible(key);
    }
  }
}
