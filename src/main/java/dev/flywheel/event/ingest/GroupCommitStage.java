package dev.flywheel.event.ingest;

import dev.flywheel.event.IngestionResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for single-event ingestions. A caller's event joins a queue; a worker takes
 * whatever is waiting (up to {@code max-size}, optionally waiting {@code max-wait} for more) and
 * runs it as one transaction: {@link Intake#accept} per tenant of the group, so the group's
 * campaign grants go to the ledger together ({@code Ledger.grantAll}), and one commit covers
 * them all. Each caller is answered with its own result only after that transaction committed,
 * so "the effects commit with the event" and "nothing is acknowledged before the commit" hold as
 * for a transaction of its own. Repeats of an event id inside one group are answered like
 * sequential repeats (the first is accepted, the others are duplicates of it).
 *
 * <p>When the group transaction fails (a database error, a deadlock), every event of the group is
 * retried in a transaction of its own, so one bad event fails only its own caller; idempotency
 * keys make the retry safe. A caller already inside a transaction joins it instead (no queue).
 * With two workers, one group's commit overlaps the next group's work. Thread-safe.
 */
@Component
public class GroupCommitStage {
  private static final Logger log = LoggerFactory.getLogger(GroupCommitStage.class);
  private final Intake intake;
  private final IngestionProperties.GroupCommit settings;
  private final TransactionTemplate transactions;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final List<Thread> workers = new ArrayList<>();
  private final LongAdder groups = new LongAdder();
  private final LongAdder grouped = new LongAdder();
  private final LongAdder fallbacks = new LongAdder();
  private volatile boolean running = true;

  GroupCommitStage(Intake intake, IngestionProperties properties, PlatformTransactionManager transactionManager) {
    this.intake = intake;
    this.settings = properties.groupCommit();
    this.transactions = new TransactionTemplate(transactionManager);
    if (settings.enabled()) {
      for (int i = 0; i < settings.workers(); i++) {
        workers.add(Thread.ofPlatform().daemon().name("event-group-commit-" + i).start(this::work));
      }
    }
  }

  private record Pending(long tenantId, Submission submission, CompletableFuture<IngestionResult> answer) {}

  /** Ingests one event, in a group transaction when enabled; returns after its commit. */
  public IngestionResult submit(long tenantId, Submission submission) {
    if (!settings.enabled() || !running || TransactionSynchronizationManager.isActualTransactionActive()) {
      return intake.accept(tenantId, List.of(submission)).getFirst();
    }
    Pending pending = new Pending(tenantId, submission, new CompletableFuture<>());
    queue.add(pending);
    if (!running && queue.remove(pending)) {
      // shutting down after our check above: no worker will take it, and stop() may have drained already
      return intake.accept(tenantId, List.of(submission)).getFirst();
    }
    try {
      return pending.answer().get();
    } catch (ExecutionException failed) {
      if (failed.getCause() instanceof RuntimeException e) {
        throw e;
      }
      if (failed.getCause() instanceof Error e) {
        throw e;
      }
      throw new IllegalStateException(failed.getCause());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the event's group committed; it may be stored: retry "
          + "with the same event id", interrupted);
    }
  }

  /** Groups run, events they carried, and groups that failed and were retried event by event. */
  public Stats stats() {
    return new Stats(groups.sum(), grouped.sum(), fallbacks.sum());
  }

  public record Stats(long groups, long events, long fallbacks) {}

  private void work() {
    List<Pending> group = new ArrayList<>(settings.maxSize());
    while (running) {
      try {
        Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
        queue.drainTo(group, settings.maxSize() - group.size());
        long waitNanos = settings.maxWait().toNanos();
        if (waitNanos > 0) {
          long deadline = System.nanoTime() + waitNanos;
          while (group.size() < settings.maxSize()) {
            long left = deadline - System.nanoTime();
            Pending next = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
              break;
            }
            group.add(next);
            queue.drainTo(group, settings.maxSize() - group.size());
          }
        }
        run(group);
      } catch (InterruptedException stop) {
        Thread.currentThread().interrupt();
        break;
      } catch (Throwable unexpected) {
        log.error("group commit worker: unexpected failure", unexpected);
        group.forEach(p -> p.answer().completeExceptionally(unexpected));
      } finally {
        group.clear();
      }
    }
  }

  private void run(List<Pending> group) {
    groups.increment();
    grouped.add(group.size());
    List<IngestionResult> results;
    try {
      results = transactions.execute(status -> acceptAll(group));
    } catch (RuntimeException failed) {
      if (group.size() == 1) {
        group.getFirst().answer().completeExceptionally(failed);
        return;
      }
      fallbacks.increment();
      log.debug("group of {} events failed, retrying them one by one", group.size(), failed);
      for (Pending p : group) {
        try {
          p.answer().complete(intake.accept(p.tenantId(), List.of(p.submission())).getFirst());
        } catch (RuntimeException e) {
          p.answer().completeExceptionally(e);
        }
      }
      return;
    }
    for (int i = 0; i < group.size(); i++) {
      group.get(i).answer().complete(results.get(i));
    }
  }

  /** One {@link Intake#accept} per tenant, in the transaction; results in group order. */
  private List<IngestionResult> acceptAll(List<Pending> group) {
    Map<Long, List<Integer>> byTenant = new LinkedHashMap<>();
    for (int i = 0; i < group.size(); i++) {
      byTenant.computeIfAbsent(group.get(i).tenantId(), t -> new ArrayList<>()).add(i);
    }
    IngestionResult[] results = new IngestionResult[group.size()];
    byTenant.forEach((tenant, indexes) -> {
      List<IngestionResult> accepted = intake.accept(tenant,
          indexes.stream().map(i -> group.get(i).submission()).toList());
      for (int k = 0; k < indexes.size(); k++) {
        results[indexes.get(k)] = accepted.get(k);
      }
    });
    return List.of(results);
  }

  @PreDestroy
  void stop() throws InterruptedException {
    running = false;
    for (Thread t : workers) {
      t.join(5_000);
    }
    for (Pending p; (p = queue.poll()) != null; ) {
      p.answer().completeExceptionally(new IllegalStateException("shutting down: the event was not stored"));
    }
  }
}
