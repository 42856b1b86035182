package dev.flywheel.reach;

import dev.flywheel.customer.Customers;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.reach.plan.Dispatcher;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Customers, templates and sends for the planning tests. */
record ReachFixture(long tenantId, Customers customers, EventIngestion events, MessageTemplates templates,
    Reach reach, Dispatcher dispatcher, MovableClock clock, JdbcClient jdbc) {
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  /** Moves the clock to {@code time} Shanghai time on the next day (never backwards). */
  void at(LocalTime time) {
    LocalDate day = clock.instant().atZone(SHANGHAI).toLocalDate().plusDays(1);
    clock.set(day.atTime(time).atZone(SHANGHAI).toInstant());
  }

  void customer(String id) {
    customers.saveProfile(tenantId, id, Map.of("name", "Wang Fang", "phone", "13812345678", "city", "Hangzhou",
        "attributes", Map.of("email", id + "@example.com", "push_token", "tok-" + id)));
  }

  void h5Registration(String id) {
    events.ingest(tenantId, IncomingEvent.of(UUID.randomUUID().toString(), id, "registered",
        clock.instant().minusSeconds(60), Map.of("platform", "h5")));
  }

  MessageTemplate template(String key, Channel channel, String... bodies) {
    List<MessageTemplate.Variant> variants = new java.util.ArrayList<>();
    for (int i = 0; i < bodies.length; i++) {
      variants.add(new MessageTemplate.Variant("v" + (i + 1), 1, "Hello", bodies[i]));
    }
    return templates.save(tenantId, new MessageTemplate.Draft(key, channel, false, null, variants), "test");
  }

  SendOutcome send(String customer, Channel channel, MessageCategory category, String template, String dedupe) {
    return send(customer, channel, category, template, dedupe, null);
  }

  SendOutcome send(String customer, Channel channel, MessageCategory category, String template, String dedupe,
      Instant expiresAt) {
    return reach.send(new SendRequest(tenantId, customer, channel, category, template, Map.of("coupon_code", "C-1"),
        "test/" + template, dedupe, null, expiresAt));
  }

  long queued(SendOutcome outcome) {
    return ((SendOutcome.Queued) outcome).messageId();
  }

  String status(long messageId) {
    return jdbc.sql("select status || coalesce(':' || status_reason, '') from reach_messages where id = :id")
        .param("id", messageId).query(String.class).single();
  }

  /** A row of {@code reach_deliveries} as the real delivery recorded it at hand-over. */
  record Handed(long messageId, String customerId, Channel channel, String recipient, String subject, String body,
      String variant) {}

  /** What was handed over to delivery for this tenant, in hand-over order (read from {@code reach_deliveries}). */
  List<Handed> deliveries() {
    return jdbc.sql("""
            select d.message_id, m.customer_id, d.channel, d.recipient, d.subject, d.body, m.variant
            from reach_deliveries d join reach_messages m on m.id = d.message_id
            where d.tenant_id = :t order by d.queued_at, d.message_id""")
        .param("t", tenantId)
        .query((rs, n) -> new Handed(rs.getLong(1), rs.getString(2), Channel.valueOf(rs.getString(3)),
            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)))
        .list();
  }

  Instant plannedAt(long messageId) {
    return jdbc.sql("select planned_at from reach_messages where id = :id").param("id", messageId)
        .query(java.sql.Timestamp.class).single().toInstant();
  }
}
