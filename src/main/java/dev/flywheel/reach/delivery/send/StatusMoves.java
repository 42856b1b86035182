package dev.flywheel.reach.delivery.send;

import dev.flywheel.reach.Channel;
import dev.flywheel.reach.MessageStatus;
import dev.flywheel.reach.MessageStatusChanged;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves a message forward after hand-over: QUEUED → SENT → DELIVERED → OPENED → CLICKED, or to
 * FAILED from QUEUED/SENT. Each move is one conditional update of {@code reach_messages.status}, a
 * {@code reach_message_history} row and a {@link MessageStatusChanged} published in the same
 * transaction; a move that would go backwards (a late receipt) changes no status. The matching
 * {@code reach_deliveries} timestamp records the fact the first time it is learnt, even when the
 * status is already further on (a DELIVERED receipt after the click).
 */
@Component
public class StatusMoves {
  private static final Map<MessageStatus, List<String>> FROM = Map.of(
      MessageStatus.SENT, List.of("QUEUED"),
      MessageStatus.DELIVERED, List.of("QUEUED", "SENT"),
      MessageStatus.OPENED, List.of("QUEUED", "SENT", "DELIVERED"),
      MessageStatus.CLICKED, List.of("QUEUED", "SENT", "DELIVERED", "OPENED"),
      MessageStatus.FAILED, List.of("QUEUED", "SENT"));
  private static final Map<MessageStatus, String> STAMP = Map.of(
      MessageStatus.SENT, "sent_at", MessageStatus.DELIVERED, "delivered_at",
      MessageStatus.OPENED, "opened_at", MessageStatus.CLICKED, "clicked_at");
  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;

  StatusMoves(JdbcClient jdbc, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.events = events;
  }

  /**
   * @param tenantId the message must belong to it (receipts and API calls are tenant-scoped)
   * @param reason a stable code for FAILED, else null
   * @return the event when the status moved, empty when it was already there or further on
   */
  @Transactional(propagation = Propagation.REQUIRED)
  public Optional<MessageStatusChanged> move(long tenantId, long messageId, MessageStatus to, String reason,
      Instant at) {
    List<String> from = FROM.get(to);
    if (from == null) {
      throw new IllegalArgumentException("delivery does not move messages to " + to);
    }
    String stamp = STAMP.get(to);
    if (stamp != null) {
      // a fixed column name from STAMP, never input
      jdbc.sql("update reach_deliveries set " + stamp + " = coalesce(" + stamp + ", :at)"
              + " where message_id = :id and tenant_id = :tenant")
          .param("id", messageId).param("tenant", tenantId).param("at", Timestamp.from(at)).update();
    }
    Optional<MessageStatusChanged> changed = jdbc.sql("""
            update reach_messages set status = :to, status_reason = :reason, updated_at = :at
            where id = :id and tenant_id = :tenant and status in (:from)
            returning tenant_id, id, customer_id, channel, source, variant""")
        .param("to", to.name()).param("reason", reason).param("at", Timestamp.from(at))
        .param("id", messageId).param("tenant", tenantId).param("from", from)
        .query((rs, n) -> new MessageStatusChanged(rs.getLong("tenant_id"), rs.getLong("id"),
            rs.getString("customer_id"), Channel.valueOf(rs.getString("channel")), rs.getString("source"),
            rs.getString("variant"), to, reason, at))
        .optional();
    changed.ifPresent(event -> {
      jdbc.sql("""
              insert into reach_message_history (message_id, tenant_id, status, reason, at)
              values (:id, :tenant, :status, :reason, :at)""")
          .param("id", messageId).param("tenant", tenantId).param("status", to.name())
          .param("reason", reason).param("at", Timestamp.from(at)).update();
      events.publishEvent(event);
    });
    return changed;
  }

  /** The message's current status within the tenant, if it exists. */
  public Optional<MessageStatus> current(long tenantId, long messageId) {
    return jdbc.sql("select status from reach_messages where id = :id and tenant_id = :tenant")
        .param("id", messageId).param("tenant", tenantId)
        .query(String.class).optional().map(MessageStatus::valueOf);
  }
}
