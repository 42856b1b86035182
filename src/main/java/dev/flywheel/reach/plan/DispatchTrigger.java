package dev.flywheel.reach.plan;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Dispatches right after the planning transaction commits when a message is due now, instead of
 * waiting for the recurring {@code reach-dispatch} task. Runs are coalesced (at most one running
 * and one waiting); the recurring task still catches whatever this misses (a crash after commit).
 * Off with {@code flywheel.jobs.enabled=false}: tests dispatch themselves with a moved clock.
 */
@Component
public class DispatchTrigger {
  private static final Logger log = LoggerFactory.getLogger(DispatchTrigger.class);
  private final ObjectProvider<Dispatcher> dispatcher;
  private final boolean enabled;
  private final ExecutorService runner = Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
  private final AtomicBoolean waiting = new AtomicBoolean();

  DispatchTrigger(ObjectProvider<Dispatcher> dispatcher, @Value("${flywheel.jobs.enabled:true}") boolean enabled) {
    this.dispatcher = dispatcher;
    this.enabled = enabled;
  }

  /** Dispatch once the current transaction commits (at once when there is none). */
  public void afterCommit() {
    if (!enabled) {
      return;
    }
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          submit();
        }
      });
    } else {
      submit();
    }
  }

  private void submit() {
    if (waiting.compareAndSet(false, true)) {
      runner.submit(() -> {
        waiting.set(false);
        try {
          dispatcher.getObject().dispatchDue();
        } catch (RuntimeException e) {
          log.warn("Immediate reach dispatch failed; the recurring task will retry", e);
        }
      });
    }
  }
}
