package dev.flywheel.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flywheel.event.IngestionResult.Accepted;
import dev.flywheel.event.IngestionResult.Duplicate;
import dev.flywheel.event.IngestionResult.Rejected;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

/** The Java API other modules, the simulator and benchmarks use: same path, same promises. */
@RunningFlywheel
@RecordApplicationEvents
class EventIngestionTest {
  @Autowired EventIngestion ingestion;
  @Autowired EventHistory history;
  @Autowired TestTenants tenants;
  @Autowired TransactionTemplate transactions;
  @Autowired JdbcClient jdbc;
  @Autowired Clock clock;
  @Autowired ApplicationEvents events;
  long tenantId;

  @BeforeEach
  void tenant() {
    tenantId = tenants.create().id();
  }

  @Test
  void eachAcceptedEventIsPublishedOnceWithNormalisedAttributes() {
    Instant at = clock.instant().minusSeconds(30);
    var drawdown = IncomingEvent.of("d-1", "c-1", "drawdown", at, Map.of("amount", new BigDecimal("1500.5")));
    var overdue = new IncomingEvent("o-1", "c-1", "overdue", at, Map.of("days", 3), "sms", "recall");

    List<IngestionResult> results = ingestion.ingestBatch(tenantId, List.of(drawdown, overdue));
    assertThat(results).allMatch(Accepted.class::isInstance);
    assertThat(ingestion.ingest(tenantId, drawdown)).isInstanceOf(Duplicate.class);

    List<EventAccepted> published = events.stream(EventAccepted.class).filter(e -> e.tenantId() == tenantId).toList();
    assertThat(published).hasSize(2);
    assertThat(published.get(0).attributes().get("amount")).isEqualTo(new BigDecimal("1500.50"));
    assertThat(published.get(0).seq()).isEqualTo(((Accepted) results.get(0)).seq());
    assertThat(published.get(1).attributes().get("days")).isEqualTo(3L);
    assertThat(published.get(1).channel()).isEqualTo("sms");
    assertThat(published.get(1).campaign()).isEqualTo("recall");
    assertThat(published.get(1).occurredAt()).isEqualTo(at);
  }

  @Test
  void aRejectionIsAValueAndPublishesNothing() {
    IngestionResult result = ingestion.ingest(tenantId,
        IncomingEvent.of("r-1", "c-1", "repayment", clock.instant(), Map.of("amount", -1)));
    assertThat(result).isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.code()).isEqualTo("negative-amount"));
    assertThat(events.stream(EventAccepted.class).filter(e -> e.tenantId() == tenantId)).isEmpty();
  }

  @Test
  void whenTheCallersTransactionRollsBackNothingIsHalfWrittenAndTheIdsAreFreeAgain() {
    List<IncomingEvent> batch = IntStream.range(0, 10)
        .mapToObj(i -> IncomingEvent.of("rb-" + i, "c-" + i, "app_login", clock.instant(), Map.of())).toList();
    assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
      assertThat(ingestion.ingestBatch(tenantId, batch)).allMatch(Accepted.class::isInstance);
      throw new IllegalStateException("a listener downstream failed");
    })).hasMessageContaining("downstream");

    assertThat(rows("events")).isZero();
    assertThat(rows("event_keys")).isZero();
    assertThat(ingestion.ingestBatch(tenantId, batch)).allMatch(Accepted.class::isInstance);
    assertThat(rows("events")).isEqualTo(10);
  }

  @Test
  void anOversizeBatchIsRefusedWhole() {
    List<IncomingEvent> tooMany = IntStream.range(0, ingestion.maxBatchSize() + 1)
        .mapToObj(i -> IncomingEvent.of("big-" + i, "c", "app_login", clock.instant(), Map.of())).toList();
    assertThatThrownBy(() -> ingestion.ingestBatch(tenantId, tooMany)).isInstanceOf(IllegalArgumentException.class);
    assertThat(rows("event_keys")).isZero();
  }

  @Test
  void historyCountsEventsPerDayAndTypeInTheTenantsZone() {
    ZoneId shanghai = ZoneId.of("Asia/Shanghai");
    ingestion.ingestBatch(tenantId, List.of(
        at("h-1", "app_login", "2025-03-01T23:30:00+08:00"),
        at("h-2", "app_login", "2025-03-01T08:00:00+08:00"),
        at("h-3", "app_login", "2025-03-02T00:30:00+08:00"),
        at("h-4", "page_view", "2025-03-02T10:00:00+08:00"),
        at("h-5", "app_login", "2025-03-04T10:00:00+08:00")));

    assertThat(history.perDayPerType(tenantId, LocalDate.parse("2025-03-01"), LocalDate.parse("2025-03-02"), shanghai))
        .containsExactly(
            new DailyTypeCount(LocalDate.parse("2025-03-01"), "app_login", 2),
            new DailyTypeCount(LocalDate.parse("2025-03-02"), "app_login", 1),
            new DailyTypeCount(LocalDate.parse("2025-03-02"), "page_view", 1));
    assertThat(history.count(tenantId)).isEqualTo(5);
    assertThat(history.lastEvents(tenantId, "c-h", 2, null)).extracting(StoredEvent::eventId).containsExactly("h-5", "h-4");
    assertThat(history.find(tenantId, "h-3")).get().extracting(StoredEvent::type).isEqualTo("app_login");
  }

  @Test
  void anEventFromBeyondTheSkewIsRejectedUntilTheClockCatchesUp() {
    Instant soon = clock.instant().plus(Duration.ofMinutes(10));
    var event = IncomingEvent.of("f-1", "c-1", "app_login", soon, Map.of());
    assertThat(ingestion.ingest(tenantId, event)).isInstanceOfSatisfying(Rejected.class,
        r -> assertThat(r.code()).isEqualTo("occurred-in-future"));
  }

  private static IncomingEvent at(String id, String type, String occurredAt) {
    Map<String, Object> attributes = type.equals("page_view") ? Map.of("page", "home") : Map.of();
    return IncomingEvent.of(id, "c-h", type, OffsetDateTime.parse(occurredAt).toInstant(), attributes);
  }

  private long rows(String table) {
    return jdbc.sql("select count(*) from " + table + " where tenant_id = ?").param(tenantId).query(Long.class).single();
  }
}
