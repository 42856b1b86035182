package dev.flywheel.reach.plan;

import dev.flywheel.reach.Channel;
import dev.flywheel.reach.MessageCategory;
import dev.flywheel.reach.MessageStatus;
import dev.flywheel.reach.MessageStatusChanged;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Message rows and their history. Every status change is conditional on the status the caller
 * saw, is written to {@code reach_message_history} and published as {@link MessageStatusChanged}
 * in the same transaction.
 */
@Repository
public class MessageRows {
  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;
  private final JsonMapper json;

  MessageRows(JdbcClient jdbc, ApplicationEventPublisher events, JsonMapper json) {
    this.jdbc = jdbc;
    this.events = events;
    this.json = json;
  }

  /** A message as planning sees it. */
  public record Row(long id, long tenantId, String customerId, Channel channel, MessageCategory category,
      Long templateId, String templateKey, String variant, String source, MessageStatus status,
      Instant plannedAt, Instant expiresAt, Map<String, Object> values) {}

  public record NewMessage(long tenantId, String customerId, Channel channel, MessageCategory category,
      long templateId, int templateVersion, String templateKey, String variant, String arm, String source,
      String dedupeKey, String segment, Instant notBefore, Instant plannedAt, Instant expiresAt, Map<String, Object> values) {}

  /** Inserts a PLANNED message; empty when the dedupe key was used before. */
  public Optional<Long> insert(NewMessage m, Instant now) {
    Optional<Long> id = jdbc.sql("""
            insert into reach_messages (tenant_id, customer_id, channel, category, template_key, template_id,
              template_version, variant, send_arm, source, dedupe_key, segment, status, not_before, planned_at,
              expires_at, values_json, created_at, updated_at)
            values (:tenant, :customer, :channel, :category, :key, :template, :version, :variant, :arm, :source,
              :dedupe, :segment, 'PLANNED', :notBefore, :planned, :expires, cast(:values as jsonb), :now, :now)
            on conflict (tenant_id, dedupe_key) do nothing
            returning id""")
        .param("tenant", m.tenantId()).param("customer", m.customerId()).param("channel", m.channel().name())
        .param("category", m.category().name()).param("key", m.templateKey()).param("template", m.templateId())
        .param("version", m.templateVersion()).param("variant", m.variant()).param("arm", m.arm())
        .param("source", m.source()).param("dedupe", m.dedupeKey()).param("segment", m.segment()).param("notBefore", ts(m.notBefore()))
        .param("planned", ts(m.plannedAt())).param("expires", ts(m.expiresAt()))
        .param("values", json.writeValueAsString(m.values())).param("now", ts(now))
        .query(Long.class).optional();
    id.ifPresent(messageId -> history(m.tenantId(), messageId, m.customerId(), m.channel(), m.source(),
        m.variant(), MessageStatus.PLANNED, null, now));
    return id;
  }

  /** The message with this dedupe key: id, planned time, variant. */
  public Optional<Row> byDedupeKey(long tenantId, String dedupeKey) {
    return jdbc.sql(SELECT + " where tenant_id = :tenant and dedupe_key = :key")
        .param("tenant", tenantId).param("key", dedupeKey).query(this::map).optional();
  }

  public Optional<MessageStatus> status(long tenantId, long id) {
    return jdbc.sql("select status from reach_messages where tenant_id = :tenant and id = :id")
        .param("tenant", tenantId).param("id", id).query(String.class).optional().map(MessageStatus::valueOf);
  }

  static final String SELECT = """
      select id, tenant_id, customer_id, channel, category, template_id, template_key, variant, source, status,
             planned_at, expires_at, values_json::text as values_json
      from reach_messages""";

  @SuppressWarnings("unchecked")
  Row map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    Timestamp expires = rs.getTimestamp("expires_at");
    long template = rs.getLong("template_id");
    return new Row(rs.getLong("id"), rs.getLong("tenant_id"), rs.getString("customer_id"),
        Channel.valueOf(rs.getString("channel")), MessageCategory.valueOf(rs.getString("category")),
        rs.wasNull() ? null : template, rs.getString("template_key"), rs.getString("variant"),
        rs.getString("source"), MessageStatus.valueOf(rs.getString("status")),
        rs.getTimestamp("planned_at").toInstant(), expires == null ? null : expires.toInstant(),
        json.readValue(rs.getString("values_json"), Map.class));
  }

  /** Moves a pending message to DEFERRED until {@code until}; false when it was no longer pending. */
  /**
   * A customer's messages due by {@code now} (planned or deferred), locked; rows another
   * transaction holds are skipped.
   */
  List<Row> dueFor(long tenantId, String customerId, Instant now) {
    return jdbc.sql(SELECT + """
             where tenant_id = :tenant and customer_id = :customer and status in ('PLANNED', 'DEFERRED')
              and planned_at <= :now
            for update skip locked""")
        .param("tenant", tenantId).param("customer", customerId).param("now", ts(now))
        .query(this::map).list();
  }

  boolean defer(Row m, String reason, Instant until, Instant now) {
    int n = jdbc.sql("""
            update reach_messages set status = 'DEFERRED', status_reason = :reason, planned_at = :until,
              updated_at = :now
            where id = :id and status in ('PLANNED', 'DEFERRED')""")
        .param("id", m.id()).param("reason", reason).param("until", ts(until)).param("now", ts(now)).update();
    if (n == 1) {
      history(m, MessageStatus.DEFERRED, reason, now);
    }
    return n == 1;
  }

  /** Ends a pending message as DROPPED or REFUSED. */
  boolean end(Row m, MessageStatus status, String reason, Instant now) {
    int n = jdbc.sql("""
            update reach_messages set status = :status, status_reason = :reason, updated_at = :now
            where id = :id and status in ('PLANNED', 'DEFERRED')""")
        .param("id", m.id()).param("status", status.name()).param("reason", reason).param("now", ts(now)).update();
    if (n == 1) {
      history(m, status, reason, now);
    }
    return n == 1;
  }

  /** Moves a pending message to QUEUED with its rendered text. */
  boolean queue(Row m, String recipient, String subject, String body, Instant now) {
    int n = jdbc.sql("""
            update reach_messages set status = 'QUEUED', status_reason = null, recipient = :recipient,
              subject = :subject, body = :body, queued_at = :now, updated_at = :now
            where id = :id and status in ('PLANNED', 'DEFERRED')""")
        .param("id", m.id()).param("recipient", recipient).param("subject", subject).param("body", body)
        .param("now", ts(now)).update();
    if (n == 1) {
      history(m, MessageStatus.QUEUED, null, now);
    }
    return n == 1;
  }

  private void history(Row m, MessageStatus status, String reason, Instant now) {
    history(m.tenantId(), m.id(), m.customerId(), m.channel(), m.source(), m.variant(), status, reason, now);
  }

  private void history(long tenantId, long id, String customerId, Channel channel, String source, String variant,
      MessageStatus status, String reason, Instant now) {
    jdbc.sql("""
            insert into reach_message_history (message_id, tenant_id, status, reason, at)
            values (:id, :tenant, :status, :reason, :at)""")
        .param("id", id).param("tenant", tenantId).param("status", status.name()).param("reason", reason)
        .param("at", ts(now)).update();
    events.publishEvent(new MessageStatusChanged(tenantId, id, customerId, channel, source, variant, status,
        reason, now));
  }

  static Timestamp ts(Instant at) {
    return at == null ? null : Timestamp.from(at);
  }
}
