package dev.flywheel.analytics;

import dev.flywheel.analytics.rollup.LiveSwitch;
import dev.flywheel.analytics.rollup.RollupWriter;
import dev.flywheel.event.EventAccepted;
import dev.flywheel.event.EventHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Operations on the analytics rollups: rebuild a tenant's from the event history (backfill, or
 * after a pause), and pause/resume live maintenance (a bulk import can run paused and rebuild
 * once after). A rebuild clears the tenant's rollups and replays every stored event in
 * {@code (occurred_at, seq)} order, 5,000 at a time, each chunk in a transaction of its own; run
 * it while ingestion for the tenant is quiet (or paused): milestones and activity would stay
 * exact anyway, but daily counts of events ingested during the rebuild could be counted twice.
 */
@Service
public class Rollups {
  private static final int CHUNK = 5_000;
  private final EventHistory history;
  private final RollupWriter writer;
  private final LiveSwitch live;
  private final JdbcClient jdbc;
  private final TransactionTemplate own;

  Rollups(EventHistory history, RollupWriter writer, LiveSwitch live, JdbcClient jdbc,
      PlatformTransactionManager transactions) {
    this.history = history;
    this.writer = writer;
    this.live = live;
    this.jdbc = jdbc;
    this.own = new TransactionTemplate(transactions);
    own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** Rebuilds one tenant's rollups; returns the number of events replayed. */
  public long rebuild(long tenantId) {
    own.executeWithoutResult(s -> {
      for (String table : List.of("analytics_customers", "analytics_activity", "analytics_daily", "analytics_funder_daily",
          "analytics_occurrences", "analytics_campaign_customers")) {
        jdbc.sql("delete from " + table + " where tenant_id = :tenant").param("tenant", tenantId).update();
      }
    });
    List<EventAccepted> chunk = new ArrayList<>(CHUNK);
    long[] count = {0};
    history.forEachInRange(tenantId, null, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), EventHistory.MAX_LIMIT, e -> {
      chunk.add(new EventAccepted(tenantId, e.seq(), e.eventId(), e.customerId(), e.type(), e.occurredAt(),
          e.attributes(), e.channel(), e.campaign()));
      count[0]++;
      if (chunk.size() == CHUNK) {
        flush(tenantId, chunk);
      }
    });
    flush(tenantId, chunk);
    return count[0];
  }

  private void flush(long tenantId, List<EventAccepted> chunk) {
    List<EventAccepted> copy = List.copyOf(chunk);
    chunk.clear();
    own.executeWithoutResult(s -> writer.apply(tenantId, copy));
  }

  /** Whether accepted events update the rollups as they arrive. */
  public boolean live() {
    return live.live();
  }

  public void setLive(boolean on) {
    live.set(on);
  }
}
