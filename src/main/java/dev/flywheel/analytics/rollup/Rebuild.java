package dev.flywheel.analytics.rollup;

import dev.flywheel.event.EventAccepted;
import dev.flywheel.event.EventHistory;
import dev.flywheel.event.StoredEvent;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds a tenant's event rollups from the event store in customer order, so every row keyed
 * by customer is written once (in multi-row upserts of about {@link #CHUNK_EVENTS} events'
 * customers), and the additive daily rollups once, at the end, from totals kept in memory.
 *
 * <p>Concurrent ingestion stays exact, daily counts included. The rebuild takes the tenant's
 * rollup lock ({@link #LOCK}) exclusively, which waits for the ingestion transactions that
 * already queued events in the {@link RollupFeed} and for feed transactions writing rollups
 * (both hold it shared until they commit) and holds off the others; under it the tenant's
 * rollups and queued feed rows are deleted and the reading transaction (repeatable read) takes
 * its snapshot; then the lock is released. Every event is thus either in the snapshot and written
 * by the rebuild, or committed later and applied by the feed onto the cleared rollups, never
 * both (with live maintenance paused, events after the snapshot are not queued, as before).
 * Rows keyed by customer are written with the same idempotent merges as the live path, the
 * daily totals by addition. Ingestion for the tenant waits only while the rows are deleted.
 *
 * <p>The events come through the event module's {@link EventHistory#forEachByCustomer}, in the
 * reading transaction's snapshot.
 */
@Component
public class Rebuild {
  /** First key of the tenant's rollup advisory lock (the second is the tenant id). */
  static final int LOCK = 1011;
  static final int CHUNK_EVENTS = 20_000;
  private static final List<String> TABLES = List.of("analytics_customers", "analytics_activity", "analytics_daily",
      "analytics_funder_daily", "analytics_occurrences", "analytics_campaign_customers");
  private final DataSource dataSource;
  private final JdbcClient jdbc;
  private final EventHistory history;
  private final RollupWriter writer;
  private final TransactionTemplate reading;
  private final TransactionTemplate own;

  Rebuild(DataSource dataSource, JdbcClient jdbc, EventHistory history, RollupWriter writer,
      PlatformTransactionManager transactions) {
    this.dataSource = dataSource;
    this.jdbc = jdbc;
    this.history = history;
    this.writer = writer;
    this.reading = new TransactionTemplate(transactions);
    reading.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    reading.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    this.own = new TransactionTemplate(transactions);
    own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** Rebuilds the tenant's rollups; returns the number of events read. */
  public long run(long tenantId) {
    Long count = reading.execute(status -> {
      if (!TransactionSynchronizationManager.hasResource(dataSource)) {
        throw new IllegalStateException("the rebuild's reader must be the transaction's connection");
      }
      Connection reader = DataSourceUtils.getConnection(dataSource);
      own.executeWithoutResult(s -> clearAndTakeSnapshot(tenantId, reader));
      Chunks chunks = new Chunks(tenantId);
      history.forEachByCustomer(tenantId, 2_000, chunks::add); // in this transaction's snapshot
      chunks.flush();
      own.executeWithoutResult(s -> chunks.totals.write(jdbc, tenantId));
      return chunks.count;
    });
    return count == null ? 0 : count;
  }

  /** Under the exclusive lock: deletes the tenant's rollups and fixes the reader's snapshot. */
  private void clearAndTakeSnapshot(long tenantId, Connection reader) {
    jdbc.sql("select pg_advisory_xact_lock(" + LOCK + ", cast(:tenant as int))")
        .param("tenant", tenantId).query((rs, n) -> 1).list();
    for (String table : TABLES) {
      jdbc.sql("delete from " + table + " where tenant_id = :tenant").param("tenant", tenantId).update();
    }
    // queued events committed before the snapshot are in it: the rebuild writes them
    jdbc.sql("delete from analytics_feed where tenant_id = :tenant").param("tenant", tenantId).update();
    // a repeatable-read transaction's snapshot is taken by its first query: this one
    try (Statement snapshot = reader.createStatement();
        ResultSet isolation = snapshot.executeQuery("select current_setting('transaction_isolation')")) {
      if (!isolation.next() || !"repeatable read".equals(isolation.getString(1))) {
        throw new IllegalStateException("the rebuild's reading transaction is not repeatable read");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not start the rebuild's snapshot", e);
    }
  }

  /** Collects a customer's events whole, and writes customers' rows once enough events are collected. */
  private final class Chunks {
    final long tenantId;
    final DailyTotals totals = new DailyTotals();
    final List<EventAccepted> chunk = new ArrayList<>();
    long count;
    String customer;

    Chunks(long tenantId) {
      this.tenantId = tenantId;
    }

    void add(StoredEvent stored) {
      String id = stored.customerId();
      if (!id.equals(customer) && chunk.size() >= CHUNK_EVENTS) {
        flush();
      }
      customer = id;
      EventAccepted e = stored.asAccepted(tenantId);
      chunk.add(e);
      totals.add(e);
      count++;
    }

    void flush() {
      if (chunk.isEmpty()) {
        return;
      }
      List<EventAccepted> events = List.copyOf(chunk);
      chunk.clear();
      own.executeWithoutResult(s -> writer.writeCustomerRows(tenantId, events));
    }
  }
}
