package dev.flywheel.ledger.grant;

import dev.flywheel.ledger.GrantOutcome;
import dev.flywheel.ledger.GrantRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for grants asked outside a transaction. A caller's request joins a queue; a worker
 * takes whatever is waiting (up to {@code maxSize}) and runs it as ONE transaction through
 * {@code group} (the ledger's set-based {@code grantAll}: one budget claim per campaign and asset,
 * one multi-row insert, one commit). Each caller is answered with its own outcome only after that
 * transaction committed, so "answered = durable" holds as for a transaction of its own, and the
 * exactly-once key and the budget checks are {@code grantAll}'s, unchanged.
 *
 * <p>When a group transaction fails (a bad coupon template, a deadlock victim), every request of
 * the group is retried in a transaction of its own through {@code alone}, so one bad request fails
 * only its own caller; nothing of the failed group was committed, and the exactly-once key makes
 * the retry safe. On {@link #stop()} the workers finish their group, then the requests still
 * queued are run by the stopping thread, so no caller is left waiting; a request submitted after
 * that runs alone in the caller's thread. Thread-safe.
 */
public final class GrantGroupCommit {
  private static final Logger log = LoggerFactory.getLogger(GrantGroupCommit.class);
  private final int maxSize;
  private final Function<List<GrantRequest>, List<GrantOutcome>> group;
  private final Function<GrantRequest, GrantOutcome> alone;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final List<Thread> workers = new ArrayList<>();
  private final LongAdder groups = new LongAdder();
  private final LongAdder grouped = new LongAdder();
  private final LongAdder fallbacks = new LongAdder();
  private volatile boolean running = true;

  /**
   * @param group runs the requests in one transaction of its own and returns after its commit,
   *     one outcome per request in order
   * @param alone runs one request in a transaction of its own and returns after its commit
   */
  public GrantGroupCommit(int maxSize, int workers, Function<List<GrantRequest>, List<GrantOutcome>> group,
      Function<GrantRequest, GrantOutcome> alone) {
    if (maxSize < 1 || workers < 1) {
      throw new IllegalArgumentException("a group commit needs at least one worker and one grant per group");
    }
    this.maxSize = maxSize;
    this.group = group;
    this.alone = alone;
    for (int i = 0; i < workers; i++) {
      this.workers.add(Thread.ofPlatform().daemon().name("ledger-grant-group-" + i).start(this::work));
    }
  }

  private record Pending(GrantRequest request, CompletableFuture<GrantOutcome> answer) {}

  /** Grants in a group transaction; returns (or throws) after that transaction ended. */
  public GrantOutcome submit(GrantRequest request) {
    if (!running) {
      return alone.apply(request);
    }
    Pending pending = new Pending(request, new CompletableFuture<>());
    queue.add(pending);
    if (!running && queue.remove(pending)) {
      // stopping after our check above: no worker will take it, and stop() may have drained already
      return alone.apply(request);
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
      throw new IllegalStateException("interrupted while the grant's group committed; it may be granted: ask "
          + "again with the same key", interrupted);
    }
  }

  /** Groups run, grants they carried, and groups that failed and were retried grant by grant. */
  public Stats stats() {
    return new Stats(groups.sum(), grouped.sum(), fallbacks.sum());
  }

  public record Stats(long groups, long grants, long fallbacks) {}

  /** Requests waiting for a worker now. */
  public int queued() {
    return queue.size();
  }

  private void work() {
    List<Pending> taken = new ArrayList<>(maxSize);
    while (running) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        taken.add(first);
        queue.drainTo(taken, maxSize - 1);
        run(taken);
      } catch (InterruptedException stop) {
        Thread.currentThread().interrupt();
        break;
      } catch (Throwable unexpected) {
        log.error("grant group commit worker: unexpected failure", unexpected);
        taken.forEach(p -> p.answer().completeExceptionally(unexpected));
      } finally {
        taken.clear();
      }
    }
  }

  private void run(List<Pending> taken) {
    groups.increment();
    grouped.add(taken.size());
    List<GrantOutcome> outcomes;
    try {
      // alone, a request takes the single-grant path (fewer, simpler statements than a batch of one)
      outcomes = taken.size() == 1 ? List.of(alone.apply(taken.getFirst().request()))
          : group.apply(taken.stream().map(Pending::request).toList());
    } catch (RuntimeException failed) {
      if (taken.size() == 1) {
        taken.getFirst().answer().completeExceptionally(failed);
        return;
      }
      fallbacks.increment();
      log.debug("group of {} grants failed, retrying them one by one", taken.size(), failed);
      for (Pending p : taken) {
        try {
          p.answer().complete(alone.apply(p.request()));
        } catch (RuntimeException e) {
          p.answer().completeExceptionally(e);
        }
      }
      return;
    }
    for (int i = 0; i < taken.size(); i++) {
      taken.get(i).answer().complete(outcomes.get(i));
    }
  }

  /** Lets the workers finish their group, then runs what is still queued; every caller gets an answer. */
  public void stop() throws InterruptedException {
    running = false;
    for (Thread t : workers) {
      t.join();
    }
    List<Pending> rest = new ArrayList<>();
    while (queue.drainTo(rest, maxSize) > 0) {
      try {
        run(rest);
      } catch (Throwable unexpected) {
        rest.forEach(p -> p.answer().completeExceptionally(unexpected));
      }
      rest.clear();
    }
  }
}
