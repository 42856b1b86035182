package dev.flywheel.analytics.funnel;

import dev.flywheel.analytics.rollup.RollupFeed;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs an analytics question (one scan of the rollup rows of a tenant) in a read-only
 * transaction with planner settings for parallel query set locally: up to
 * {@code flywheel.analytics.parallel-workers} workers per scan (default 2; 0 turns it off),
 * parallel plans considered from 1 MB of table on and with lower start-up and tuple costs than
 * PostgreSQL's defaults (which rarely pick a parallel plan for sub-second scans), and
 * {@code work_mem} for the sorts of the medians. The tenant's queued rollups are written first. {@code SET LOCAL} ends with the transaction, so
 * other work on the pooled connection keeps the server's settings. Same settings on an external
 * PostgreSQL; {@code max_worker_processes} / {@code max_parallel_workers} (server-wide, default 8)
 * bound what is really launched.
 */
@Component
public class AnalyticsReads {
  private final JdbcClient jdbc;
  private final RollupFeed feed;
  private final TransactionTemplate readOnly;
  private final int workers;

  AnalyticsReads(JdbcClient jdbc, RollupFeed feed, PlatformTransactionManager transactions,
      @Value("${flywheel.analytics.parallel-workers:2}") int workers) {
    this.jdbc = jdbc;
    this.feed = feed;
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
    this.workers = Math.max(0, workers);
  }

  /** Answers a question about the tenant's rollups, first brought up to date ({@link RollupFeed#catchUp}). */
  public <T> T run(long tenantId, Supplier<T> question) {
    feed.catchUp(tenantId);
    return readOnly.execute(status -> {
      jdbc.sql("""
              select set_config('max_parallel_workers_per_gather', :workers, true),
                     set_config('parallel_setup_cost', '100', true), set_config('parallel_tuple_cost', '0.01', true),
                     set_config('min_parallel_table_scan_size', '1MB', true), set_config('work_mem', '64MB', true)""")
          .param("workers", Integer.toString(workers)).query().singleRow();
      return question.get();
    });
  }
}
