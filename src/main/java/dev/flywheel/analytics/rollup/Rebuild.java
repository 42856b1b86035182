package dev.flywheel.analytics.rollup;

import dev.flywheel.event.EventAccepted;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rebuilds a tenant's event rollups from the event store in customer order, so every row keyed
 * by customer is written once (in multi-row upserts of about {@link #CHUNK_EVENTS} events'
 * customers), and the additive daily rollups once, at the end, from totals kept in memory.
 *
 * <p>Concurrent ingestion stays exact, daily counts included. The rebuild takes the tenant's
 * rollup lock ({@link #LOCK}) exclusively, which waits for the ingestion transactions that
 * already wrote rollups (they hold it shared until they commit) and holds off the others; under
 * it the tenant's rollups are cleared and the reading transaction (repeatable read) takes its
 * snapshot; then the lock is released. Every event is thus either in the snapshot and written by
 * the rebuild, or committed later and applied by the live path onto the cleared rollups, never
 * both (with live maintenance paused, events after the snapshot are not applied, as before).
 * Rows keyed by customer are written with the same idempotent merges as the live path, the
 * daily totals by addition. Ingestion for the tenant waits only while the rows are deleted.
 *
 * <p>It reads the {@code events} table directly (read-only: tenant, customer, type, times,
 * attributes, channel, campaign), because the event module's API streams a tenant's events only
 * in time order; attributes are decoded as the event store decodes them.
 */
@Component
public class Rebuild {
  /** First key of the tenant's rollup advisory lock (the second is the tenant id). */
  static final int LOCK = 1011;
  static final int CHUNK_EVENTS = 20_000;
  private static final List<String> TABLES = List.of("analytics_customers", "analytics_activity", "analytics_daily",
      "analytics_funder_daily", "analytics_occurrences", "analytics_campaign_customers");
  private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
  private final DataSource dataSource;
  private final JdbcClient jdbc;
  private final RollupWriter writer;
  private final TransactionTemplate reading;
  private final TransactionTemplate own;

  Rebuild(DataSource dataSource, JdbcClient jdbc, RollupWriter writer, PlatformTransactionManager transactions) {
    this.dataSource = dataSource;
    this.jdbc = jdbc;
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
      jdbc.sql("""
              select e.customer_id, e.type, e.occurred_at, e.attributes::text, e.channel, e.campaign, e.seq, e.event_id
              from events e where e.tenant_id = :tenant order by e.customer_id""")
          .withFetchSize(2_000).param("tenant", tenantId).query(chunks);
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
  private final class Chunks implements RowCallbackHandler {
    final long tenantId;
    final DailyTotals totals = new DailyTotals();
    final List<EventAccepted> chunk = new ArrayList<>();
    long count;
    String customer;

    Chunks(long tenantId) {
      this.tenantId = tenantId;
    }

    @Override
    public void processRow(ResultSet rs) throws SQLException {
      String id = rs.getString(1);
      if (!id.equals(customer) && chunk.size() >= CHUNK_EVENTS) {
        flush();
      }
      customer = id;
      EventAccepted e = new EventAccepted(tenantId, rs.getLong(7), rs.getString(8), id, rs.getString(2),
          rs.getObject(3, OffsetDateTime.class).toInstant(), attributes(rs.getString(4)), rs.getString(5), rs.getString(6));
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

  /** Attributes as the event store decodes them: String, Long (BigInteger beyond), BigDecimal, Boolean. */
  static Map<String, Object> attributes(String json) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : JSON.readTree(json).properties()) {
      map.put(e.getKey(), value(e.getValue()));
    }
    return map;
  }

  private static Object value(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isString()) {
      return node.stringValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
    }
    if (node.isNumber()) {
      BigDecimal d = node.decimalValue();
      return d;
    }
    return node;
  }
}
