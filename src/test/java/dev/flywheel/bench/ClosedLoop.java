package dev.flywheel.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;

/**
 * The harness the lottery and fission benchmarks share: closed-loop clients released together,
 * the single-client autocommit baseline, and rounds that interleave baseline and real.
 */
final class ClosedLoop {
  private ClosedLoop() {}

  /** One operation of client {@code client}; answers how many units it counts (0 for a refusal). */
  @FunctionalInterface
  interface Step {
    long once(int client) throws Exception;
  }

  /** One timed measurement; answers units per second. */
  @FunctionalInterface
  interface Measurement {
    double rate() throws Exception;
  }

  /** Binds the baseline statement's parameters. */
  @FunctionalInterface
  interface Binding {
    void bind(PreparedStatement statement) throws SQLException;
  }

  /**
   * {@code clients} closed-loop clients for {@code seconds}, started together; every operation's
   * latency (µs) goes to {@code latency}. Answers counted units per second.
   */
  static double run(int clients, double seconds, Histogram latency, Step step) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    long[] until = new long[1];
    List<Future<Long>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      for (int c = 0; c < clients; c++) {
        int client = c;
        futures.add(pool.submit(() -> {
          start.await();
          long n = 0;
          while (System.nanoTime() < until[0]) {
            long t0 = System.nanoTime();
            long units = step.once(client);
            long micros = (System.nanoTime() - t0) / 1_000;
            synchronized (latency) {
              latency.recordValue(micros);
            }
            n += units;
          }
          return n;
        }));
      }
      long begin = System.nanoTime();
      until[0] = begin + (long) (seconds * 1e9);
      start.countDown();
      long total = 0;
      for (Future<Long> f : futures) {
        total += f.get();
      }
      return total / ((System.nanoTime() - begin) / 1e9);
    }
  }

  /**
   * The baseline: one client on its own connection, autocommit, running {@code sql} for
   * {@code seconds}; {@code onUpdated} runs for each execution that changed a row. Answers
   * executions per second.
   */
  static double autocommitLoop(DataSource dataSource, String sql, Binding binding, double seconds, Runnable onUpdated)
      throws SQLException {
    long begin = System.nanoTime();
    long until = begin + (long) (seconds * 1e9);
    long n = 0;
    try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(sql)) {
      c.setAutoCommit(true);
      binding.bind(update);
      while (System.nanoTime() < until) {
        if (update.executeUpdate() == 1) {
          onUpdated.run();
        }
        n++;
      }
    }
    return n / ((System.nanoTime() - begin) / 1e9);
  }

  /**
   * {@code rounds} rounds of baseline and real, alternating which goes first; answers the mean
   * rates {@code {baseline, real}}.
   */
  static double[] interleaved(int rounds, Measurement baseline, Measurement real) throws Exception {
    double baseRate = 0;
    double realRate = 0;
    for (int r = 0; r < rounds; r++) {
      boolean baseFirst = r % 2 == 0;
      double b1 = baseFirst ? baseline.rate() : 0;
      double d = real.rate();
      double b2 = baseFirst ? 0 : baseline.rate();
      baseRate += (b1 + b2) / rounds;
      realRate += d / rounds;
    }
    return new double[] {baseRate, realRate};
  }
}
