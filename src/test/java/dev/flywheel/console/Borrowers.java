package dev.flywheel.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.customer.Customers;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.event.IngestionResult;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small lending book for console tests: six borrowers walked through the loan funnel by real
 * events (so stages, history and charts come from the same path as production).
 *
 * <p>Only {@code c-001} matches {@link #APPROVED_WAITING}: c-005 was approved too, but only a day
 * ago.
 */
final class Borrowers {
  static final String APPROVED_WAITING =
      "\"loan\" in tags && loan_stage == \"FUNDER_APPROVED\" && days_since(stage_entered_at) > 2";
  static final String RAW_NAME = "张三丰";
  static final String RAW_PHONE = "13812345678";

  private static final List<Step> FUNNEL = List.of(
      new Step("registered", Map.of("platform", "app")),
      new Step("app_login", Map.of()),
      new Step("application_step", Map.of("step", "id_card")),
      new Step("risk_decision", Map.of("result", "passed")),
      new Step("funder_decision", Map.of("funder", "Bank A", "result", "approved",
          "credit_line", new BigDecimal("20000.00"))),
      new Step("drawdown", Map.of("amount", new BigDecimal("5000.00"), "funder", "Bank A")),
      new Step("repayment", Map.of("amount", new BigDecimal("500.00"))));

  private record Step(String type, Map<String, Object> attributes) {}

  private Borrowers() {}

  /** Seeds the book into a tenant; events end {@code daysAgo} before {@code now}. */
  static void seed(Customers customers, EventIngestion ingestion, long tenantId, Instant now) {
    borrower(customers, ingestion, tenantId, now, "c-001", RAW_NAME, RAW_PHONE, List.of("loan", "vip"), 5, 3);
    borrower(customers, ingestion, tenantId, now, "c-002", "李四", "13900001111", List.of("loan"), 4, 1);
    borrower(customers, ingestion, tenantId, now, "c-003", "Alice Wong", "13700002222", List.of("loan"), 7, 0);
    borrower(customers, ingestion, tenantId, now, "c-004", "王五", "13600003333", List.of(), 1, 12);
    borrower(customers, ingestion, tenantId, now, "c-005", "赵六", "13500004444", List.of("loan"), 5, 1);
    borrower(customers, ingestion, tenantId, now, "c-006", "钱七", "13400005555", List.of("wealth"), 3, 5);
  }

  private static void borrower(Customers customers, EventIngestion ingestion, long tenantId, Instant now,
      String id, String name, String phone, List<String> tags, int steps, int daysAgo) {
    customers.saveProfile(tenantId, id, Map.of("name", name, "phone", phone, "city", "Shanghai",
        "risk_level", "low", "asset_tier", "B", "tags", tags, "acquisition_channel", "douyin",
        "acquired_at", now.minus(Duration.ofDays(30)).toString()));
    List<IncomingEvent> events = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      Step step = FUNNEL.get(i);
      Instant at = now.minus(Duration.ofDays(daysAgo + steps - 1 - i)).minus(Duration.ofHours(1));
      events.add(IncomingEvent.of(tenantId + "-" + id + "-" + i, id, step.type(), at, step.attributes()));
    }
    assertThat(ingestion.ingestBatch(tenantId, events)).allMatch(r -> r instanceof IngestionResult.Accepted);
  }
}
