package dev.flywheel.reach.delivery.send;

import dev.flywheel.reach.Channel;
import dev.flywheel.reach.delivery.Delivery;
import dev.flywheel.reach.delivery.OutgoingMessage;
import dev.flywheel.reach.delivery.tracking.LinkTracker;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@link Delivery} of reach: in the planning transaction it rewrites the body's links to
 * tracked links, records the {@code reach_deliveries} row and schedules {@code deliver-<id>}; the
 * provider is called by {@link Attempts} after commit. Idempotent: handing the same message over
 * twice records and schedules it once.
 */
@Service
class Courier implements Delivery {
  /** Channels whose body a customer reads, so links in it are tracked; calls are spoken. */
  private static final Set<Channel> TRACKED = EnumSet.of(Channel.EMAIL, Channel.SMS, Channel.PUSH, Channel.INBOX);
  private final JdbcClient jdbc;
  private final LinkTracker tracker;
  private final DeliverySchedule schedule;
  private final Clock clock;

  Courier(JdbcClient jdbc, LinkTracker tracker, DeliverySchedule schedule, Clock clock) {
    this.jdbc = jdbc;
    this.tracker = tracker;
    this.schedule = schedule;
    this.clock = clock;
  }

  /** Must run inside the caller's transaction (the one that moved the message to QUEUED). */
  @Override
  @Transactional(propagation = Propagation.MANDATORY)
  public void handOver(OutgoingMessage m) {
    Instant now = clock.instant();
    LinkTracker.Rewritten body = TRACKED.contains(m.channel())
        ? tracker.rewrite(m.tenantId(), m.messageId(), m.body())
        : new LinkTracker.Rewritten(m.body(), List.of());
    boolean recorded = jdbc.sql("""
            insert into reach_deliveries (message_id, tenant_id, channel, provider, queued_at, next_attempt_at,
              recipient, subject, body)
            values (:id, :tenant, :channel, :provider, :now, :now, :recipient, :subject, :body)
            on conflict (message_id) do nothing
            returning message_id""")
        .param("id", m.messageId()).param("tenant", m.tenantId()).param("channel", m.channel().name())
        .param("provider", builtInLabel(m.channel())).param("now", Timestamp.from(now))
        .param("recipient", m.recipient()).param("subject", m.subject()).param("body", body.body())
        .query(Long.class).optional().isPresent();
    if (recorded) {
      tracker.store(m.messageId(), body.targets());
      schedule.deliverAt(m.messageId(), now);
    }
  }

  /** The provider label until an attempt names the configured one. */
  static String builtInLabel(Channel channel) {
    return switch (channel) {
      case INBOX -> "inbox";
      case PHONE_TASK -> "phone-desk";
      case EMAIL -> "smtp";
      case SMS, PUSH, ROBOCALL -> "http";
    };
  }
}
