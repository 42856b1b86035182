package dev.flywheel.event.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.event.EventIngestion;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.event.IngestionResult;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Monthly partitions: made ahead by the daily job, and on demand for old history. */
@RunningFlywheel
class PartitionsTest {
  @Autowired Partitions partitions;
  @Autowired PartitionUpkeepTask upkeep;
  @Autowired EventIngestion ingestion;
  @Autowired TestTenants tenants;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;

  @Test
  void theDailyJobPreparesThisMonthAndTheNextThree() {
    Instant saved = clock.instant();
    try {
      clock.set(Instant.parse("2040-11-15T10:00:00Z"));
      assertThat(partitions.exists(YearMonth.of(2040, 11))).isFalse();
      List<YearMonth> made = upkeep.run();
      assertThat(made).containsExactly(YearMonth.of(2040, 11), YearMonth.of(2040, 12), YearMonth.of(2041, 1),
          YearMonth.of(2041, 2));
      assertThat(made).allMatch(partitions::exists);
      assertThat(partitions.exists(YearMonth.of(2041, 3))).isFalse();
      assertThat(upkeep.run()).isEqualTo(made); // idempotent
    } finally {
      clock.set(saved);
    }
  }

  @Test
  void oldHistoryGetsItsPartitionOnDemandAndLandsInIt() {
    long tenantId = tenants.create().id();
    assertThat(partitions.exists(YearMonth.of(2003, 7))).isFalse();
    IngestionResult result = ingestion.ingestBatch(tenantId, List.of(
        IncomingEvent.of("old-1", "c-1", "app_login", Instant.parse("2003-07-31T23:59:59.999999Z"), Map.of()),
        IncomingEvent.of("old-2", "c-1", "app_login", Instant.parse("2003-08-01T00:00:00Z"), Map.of()))).getFirst();
    assertThat(result).isInstanceOf(IngestionResult.Accepted.class);
    assertThat(partition(tenantId, "old-1")).isEqualTo("events_2003_07");
    assertThat(partition(tenantId, "old-2")).isEqualTo("events_2003_08");
  }

  @Test
  void thePartitionsCarryTheReadIndexes() {
    partitions.ensureAhead(Instant.parse("2002-01-10T00:00:00Z"), 0);
    List<String> indexes = jdbc.sql("select indexdef from pg_indexes where tablename = 'events_2002_01'")
        .query(String.class).list();
    assertThat(indexes).anyMatch(i -> i.contains("(tenant_id, customer_id, occurred_at DESC)"))
        .anyMatch(i -> i.contains("(tenant_id, type, occurred_at)"));
  }

  private String partition(long tenantId, String eventId) {
    return jdbc.sql("select tableoid::regclass::text from events where tenant_id = ? and event_id = ?")
        .param(tenantId).param(eventId).query(String.class).single();
  }
}
