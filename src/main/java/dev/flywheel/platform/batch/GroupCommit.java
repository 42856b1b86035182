package dev.flywheel.platform.batch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: a caller's request joins a queue; a worker takes whatever is waiting (up to
 * {@code maxSize}, optionally waiting {@code maxWait} for more) and runs it as ONE transaction
 * through {@code group}. Each caller is answered with its own answer only after that transaction
 * committed, so "answered = durable" holds as for a transaction of its own. A group of one takes
 * {@code alone} (the single-request path, fewer and simpler statements than a batch of one).
 *
 * <p>When a group transaction fails (a database error, a deadlock victim), every request of the
 * group is retried in a transaction of its own through {@code alone}, so one bad request fails
 * only its own caller; nothing of the failed group was committed, and the callers' idempotency
 * keys make the retry safe. A request submitted once stopping has begun runs alone in the
 * caller's thread. Thread-safe.
 *
 * @param <R> a request
 * @param <A> its answer
 */
public final class GroupCommit<R, A> {
  private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
  private final String name;
  private final Limits limits;
  private final Function<List<R>, List<A>> group;
  private final Function<R, A> alone;
  private final String interruptedAdvice;
  private final LinkedBlockingQueue<Pending<R, A>> queue = new LinkedBlockingQueue<>();
  private final List<Thread> workers = new ArrayList<>();
  private final LongAdder groups = new LongAdder();
  private final LongAdder grouped = new LongAdder();
  private final LongAdder fallbacks = new LongAdder();
  private volatile boolean running = true;

  /** Requests per group, how long a worker waits for more after the first, and how many workers run groups. */
  public record Limits(int maxSize, Duration maxWait, int workers) {
    public Limits {
      if (maxSize < 1 || workers < 1) {
        throw new IllegalArgumentException("a group commit needs at least one worker and one request per group");
      }
    }
  }

  /** Groups run, requests they carried, and groups that failed and were retried one by one. */
  public record Stats(long groups, long requests, long fallbacks) {}

  /**
   * @param name names the worker threads ({@code name-0}, …) and the log lines
   * @param group runs the requests in one transaction of its own and returns after its commit,
   *     one answer per request in order
   * @param alone runs one request in a transaction of its own and returns after its commit
   * @param interruptedAdvice what an interrupted caller is told about its request, e.g.
   *     {@code "it may be stored: retry with the same id"}
   */
  public GroupCommit(String name, Limits limits, Function<List<R>, List<A>> group, Function<R, A> alone,
      String interruptedAdvice) {
    this.name = name;
    this.limits = limits;
    this.group = group;
    this.alone = alone;
    this.interruptedAdvice = interruptedAdvice;
    for (int i = 0; i < limits.workers(); i++) {
      workers.add(Thread.ofPlatform().daemon().name(name + "-" + i).start(this::work));
    }
  }

  private record Pending<R, A>(R request, CompletableFuture<A> answer) {}

  /** Runs the request in a group transaction; returns (or throws) after that transaction ended. */
  public A submit(R request) {
    if (!running) {
      return alone.apply(request);
    }
    Pending<R, A> pending = new Pending<>(request, new CompletableFuture<>());
    queue.add(pending);
    if (!running && queue.remove(pending)) {
      // stopping after our check above: no worker will take it, and stop may have drained already
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
      throw new IllegalStateException("interrupted while the group committed; " + interruptedAdvice, interrupted);
    }
  }

  public Stats stats() {
    return new Stats(groups.sum(), grouped.sum(), fallbacks.sum());
  }

  /** Requests waiting for a worker now. */
  public int queued() {
    return queue.size();
  }

  private void work() {
    List<Pending<R, A>> taken = new ArrayList<>(limits.maxSize());
    while (running) {
      try {
        Pending<R, A> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        taken.add(first);
        queue.drainTo(taken, limits.maxSize() - taken.size());
        waitForMore(taken);
        run(taken);
      } catch (InterruptedException stop) {
        Thread.currentThread().interrupt();
        break;
      } catch (Throwable unexpected) {
        log.error("{}: unexpected failure of a group commit worker", name, unexpected);
        taken.forEach(p -> p.answer().completeExceptionally(unexpected));
      } finally {
        taken.clear();
      }
    }
  }

  /** Up to {@code maxWait} after the first request, lets the group fill up to {@code maxSize}. */
  private void waitForMore(List<Pending<R, A>> taken) throws InterruptedException {
    long waitNanos = limits.maxWait().toNanos();
    if (waitNanos <= 0) {
      return;
    }
    long deadline = System.nanoTime() + waitNanos;
    while (taken.size() < limits.maxSize()) {
      long left = deadline - System.nanoTime();
      Pending<R, A> next = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
      if (next == null) {
        return;
      }
      taken.add(next);
      queue.drainTo(taken, limits.maxSize() - taken.size());
    }
  }

  private void run(List<Pending<R, A>> taken) {
    groups.increment();
    grouped.add(taken.size());
    List<A> answers;
    try {
      answers = taken.size() == 1 ? List.of(alone.apply(taken.getFirst().request()))
          : group.apply(taken.stream().map(Pending::request).toList());
    } catch (RuntimeException failed) {
      if (taken.size() == 1) {
        taken.getFirst().answer().completeExceptionally(failed);
        return;
      }
      fallbacks.increment();
      log.debug("{}: group of {} failed, retrying its requests one by one", name, taken.size(), failed);
      for (Pending<R, A> p : taken) {
        try {
          p.answer().complete(alone.apply(p.request()));
        } catch (RuntimeException e) {
          p.answer().completeExceptionally(e);
        }
      }
      return;
    }
    for (int i = 0; i < taken.size(); i++) {
      taken.get(i).answer().complete(answers.get(i));
    }
  }

  /** Lets the workers finish their group, then runs what is still queued; every caller gets an answer. */
  public void stop() throws InterruptedException {
    running = false;
    for (Thread t : workers) {
      t.join();
    }
    List<Pending<R, A>> rest = new ArrayList<>();
    while (queue.drainTo(rest, limits.maxSize()) > 0) {
      try {
        run(rest);
      } catch (Throwable unexpected) {
        rest.forEach(p -> p.answer().completeExceptionally(unexpected));
      }
      rest.clear();
    }
  }

  /**
   * Gives the workers up to {@code wait} each to finish their group, then answers every request
   * still queued with {@code refusal} instead of running it.
   */
  public void stopRefusing(Duration wait, Supplier<RuntimeException> refusal) throws InterruptedException {
    running = false;
    for (Thread t : workers) {
      t.join(wait.toMillis());
    }
    for (Pending<R, A> p; (p = queue.poll()) != null; ) {
      p.answer().completeExceptionally(refusal.get());
    }
  }
}
