package dev.flywheel.analytics.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.analytics.Rollups;
import dev.flywheel.event.EventHistory;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Queued rows left by a node that stopped before writing their rollups are written by another
 * feed — here a second {@link RollupFeed}, as a restarted process or another node would have —
 * from the event store, exactly as the live path and a rebuild write them.
 */
@RunningFlywheel
class RollupFeedRestartTest {
  private static final List<String> TABLES = List.of("analytics_customers", "analytics_activity", "analytics_daily",
      "analytics_funder_daily", "analytics_occurrences", "analytics_campaign_customers");
  @Autowired RollupFeed feed;
  @Autowired Rollups rollups;
  @Autowired RollupWriter writer;
  @Autowired EventHistory history;
  @Autowired EventIngestion ingestion;
  @Autowired JdbcClient jdbcClient;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;
  @Autowired TestTenants tenants;
  @Autowired MovableClock clock;

  @AfterEach
  void resume() {
    feed.pauseWorker(false);
  }

  @Test
  void anotherNodeWritesTheRollupsOfRowsAStoppedNodeLeftFromTheEventStore() {
    feed.pauseWorker(true);
    long tenant = tenants.create().id();
    Instant end = clock.instant();
    List<IncomingEvent> events = events(end);
    for (int i = 0; i < events.size(); i += 40) {
      ingestion.ingestBatch(tenant, events.subList(i, i + 40));
    }
    assertThat(rollups.backlog(tenant)).isEqualTo(new RollupFeed.Backlog(6, 240, 0));

    RollupFeed restarted = new RollupFeed(jdbcClient, history, writer, transactions, 4, Duration.ofSeconds(1), false);
    restarted.catchUp(tenant);

    assertThat(rollups.backlog(tenant).rows()).isZero();
    List<String> written = rows(tenant);
    assertThat(jdbc.queryForObject("select sum(events) from analytics_daily where tenant_id = ?", Long.class, tenant))
        .isEqualTo(240);
    assertThat(jdbc.queryForObject("select count(*) from analytics_customers where tenant_id = ?", Long.class, tenant))
        .isEqualTo(60);
    rollups.rebuild(tenant);
    assertThat(rows(tenant)).containsExactlyElementsOf(written);
  }

  /** 60 customers over 200 days (several event partitions): registration, logins, draws, funder decisions. */
  private static List<IncomingEvent> events(Instant end) {
    List<IncomingEvent> events = new ArrayList<>();
    for (int i = 0; i < 240; i++) {
      String customer = "RST" + i % 60;
      Instant at = end.minus(Duration.ofHours(20L * i));
      String id = "rst" + i;
      events.add(switch (i % 4) {
        case 0 -> IncomingEvent.of(id, customer, "registered", at, Map.of());
        case 1 -> IncomingEvent.of(id, customer, "app_login", at, Map.of());
        case 2 -> IncomingEvent.of(id, customer, "drawdown", at, Map.of("amount", new BigDecimal("88.80"), "funder", "F" + i % 3));
        default -> IncomingEvent.of(id, customer, "funder_decision", at,
            Map.of("funder", "F" + i % 3, "result", i % 8 == 3 ? "approved" : "rejected", "credit_line", new BigDecimal("500.00")));
      });
    }
    return events;
  }

  private List<String> rows(long tenant) {
    rollups.catchUp(tenant);
    List<String> rows = new ArrayList<>();
    for (String table : TABLES) {
      rows.addAll(jdbc.queryForList("select '" + table + " ' || t::text from " + table + " t where tenant_id = ? order by 1",
          String.class, tenant));
    }
    return rows;
  }
}
