package dev.flywheel.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Real races for concurrency tests: {@code clients} threads released together by one start latch. */
public final class Race {
  private Race() {}

  /**
   * Runs one call in its own transaction the way a real client would: when PostgreSQL aborts it
   * as a deadlock victim (possible, rarely, in the budget's slow path under heavy contention),
   * nothing of it was committed and it is simply sent again. Bounded; the invariants checked
   * afterwards are what the tests are about.
   */
  public static <T> T retryingDeadlocks(java.util.function.Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (org.springframework.dao.PessimisticLockingFailureException deadlock) {
        if (attempt == 5) {
          throw deadlock;
        }
      }
    }
  }

  /** Runs {@code clients} tasks that start together; returns their results in client order. */
  public static <T> List<T> run(int clients, IntFunction<T> client) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        int n = i;
        futures.add(pool.submit((Callable<T>) () -> {
          start.await();
          return client.apply(n);
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    }
  }
}
