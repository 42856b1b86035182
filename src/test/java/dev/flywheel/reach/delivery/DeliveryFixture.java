package dev.flywheel.reach.delivery;

import dev.flywheel.reach.Channel;
import dev.flywheel.reach.MessageCategory;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stands in for reach planning's dispatcher (not on this branch): inserts a QUEUED
 * {@code reach_messages} row and hands it to {@link Delivery} in one transaction, as the dispatcher
 * does; plus the reads the delivery tests assert on.
 */
final class DeliveryFixture {
  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final Delivery delivery;
  private final Clock clock;

  DeliveryFixture(JdbcClient jdbc, TransactionTemplate tx, Delivery delivery, Clock clock) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.delivery = delivery;
    this.clock = clock;
  }

  /** A committed hand-over; returns the message id. */
  long queue(long tenantId, String customerId, Channel channel, String recipient, String subject, String body) {
    return tx.execute(status -> {
      long id = insertQueued(tenantId, customerId, channel);
      delivery.handOver(outgoing(tenantId, id, customerId, channel, recipient, subject, body));
      return id;
    });
  }

  long insertQueued(long tenantId, String customerId, Channel channel) {
    Timestamp now = Timestamp.from(clock.instant());
    return jdbc.sql("""
            insert into reach_messages (tenant_id, customer_id, channel, category, template_key, variant, source,
              dedupe_key, status, not_before, planned_at, created_at, updated_at)
            values (:tenant, :customer, :channel, 'SERVICE', 'test', 'a', 'test/delivery', :dedupe, 'QUEUED',
              :now, :now, :now, :now)
            returning id""")
        .param("tenant", tenantId).param("customer", customerId).param("channel", channel.name())
        .param("dedupe", UUID.randomUUID().toString()).param("now", now)
        .query(Long.class).single();
  }

  static OutgoingMessage outgoing(long tenantId, long id, String customerId, Channel channel, String recipient,
      String subject, String body) {
    return new OutgoingMessage(tenantId, id, customerId, channel, MessageCategory.SERVICE, recipient, subject, body,
        "test/delivery", "a");
  }

  void handOverAgain(OutgoingMessage message) {
    tx.executeWithoutResult(status -> delivery.handOver(message));
  }

  String status(long messageId) {
    return jdbc.sql("select status from reach_messages where id = :id").param("id", messageId)
        .query(String.class).single();
  }

  String reason(long messageId) {
    return jdbc.sql("select status_reason from reach_messages where id = :id").param("id", messageId)
        .query(String.class).single();
  }

  Map<String, Object> delivery(long messageId) {
    return jdbc.sql("select * from reach_deliveries where message_id = :id").param("id", messageId)
        .query().singleRow();
  }

  List<String> history(long messageId) {
    return jdbc.sql("select status from reach_message_history where message_id = :id order by id")
        .param("id", messageId).query(String.class).list();
  }

  long scheduledTasks(long messageId) {
    return jdbc.sql("""
            select count(*) from scheduled_tasks where task_name = 'reach-deliver' and task_instance = :instance""")
        .param("instance", "deliver-" + messageId).query(Long.class).single();
  }
}
