package dev.flywheel.reach.delivery.send;

import dev.flywheel.customer.CustomerProfile;
import dev.flywheel.customer.Customers;
import dev.flywheel.reach.Channel;
import dev.flywheel.reach.MessageStatus;
import dev.flywheel.reach.delivery.provider.ChannelProvider;
import dev.flywheel.reach.delivery.provider.Parcel;
import dev.flywheel.reach.delivery.provider.ProviderResult;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One delivery attempt of one message: claim it (a conditional update that takes a lease, so two
 * nodes or the task and the sweep never send it at the same time, and a sent or failed message is
 * never claimed again), call the channel's provider outside any transaction, then record the
 * answer: SENT, a later attempt with exponential backoff, or FAILED with a reason once
 * {@code max-attempts} is used up or the provider refuses for good. Thread-safe.
 */
@Component
public class Attempts {
  private static final Logger log = LoggerFactory.getLogger(Attempts.class);
  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final StatusMoves moves;
  private final Customers customers;
  private final DeliveryProperties properties;
  private final Clock clock;
  private final Map<Channel, ChannelProvider> providers = new EnumMap<>(Channel.class);

  Attempts(JdbcClient jdbc, TransactionTemplate tx, StatusMoves moves, Customers customers,
      DeliveryProperties properties, Clock clock, List<ChannelProvider> providers) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.moves = moves;
    this.customers = customers;
    this.properties = properties;
    this.clock = clock;
    providers.forEach(p -> p.channels().forEach(c -> this.providers.put(c, p)));
  }

  /** What the task does next with the message. */
  public sealed interface Outcome {
    /** Sent, failed or unknown: nothing more to do. */
    record Finished() implements Outcome {}

    /** Try again at {@code at} (backoff, or another attempt holds the lease). */
    record Later(Instant at) implements Outcome {}
  }

  private record Claimed(long tenantId, long messageId, String customerId, Channel channel, String recipient,
      String subject, String body, int attempts) {}

  /** Attempts the message if it is due; safe to call at any time, any number of times. */
  public Outcome attempt(long messageId) {
    Instant now = clock.instant();
    Optional<Claimed> claimed = claim(messageId, now);
    if (claimed.isEmpty()) {
      return pending(messageId);
    }
    Claimed c = claimed.get();
    ProviderResult result = send(c);
    return tx.execute(status -> record(c, result, clock.instant()));
  }

  /**
   * Attempts every due message (of one tenant, or all when null), oldest first; what the sweep runs
   * and what tests run after moving the clock.
   *
   * @return how many were attempted
   */
  public int runDue(Long tenantId, int limit) {
    List<Long> due = jdbc.sql("""
            select message_id from reach_deliveries
            where sent_at is null and failed_at is null and next_attempt_at <= :now
              and (lease_until is null or lease_until <= :now)
              and (cast(:tenant as bigint) is null or tenant_id = :tenant)
            order by next_attempt_at, message_id limit :limit""")
        .param("now", Timestamp.from(clock.instant())).param("tenant", tenantId).param("limit", limit)
        .query(Long.class).list();
    due.forEach(this::attempt);
    return due.size();
  }

  private Optional<Claimed> claim(long messageId, Instant now) {
    return jdbc.sql("""
            update reach_deliveries d set attempts = attempts + 1, lease_until = :lease
            where d.message_id = :id and d.sent_at is null and d.failed_at is null
              and d.next_attempt_at <= :now and (d.lease_until is null or d.lease_until <= :now)
            returning d.tenant_id, d.channel, d.recipient, d.subject, d.body, d.attempts,
              (select m.customer_id from reach_messages m where m.id = d.message_id) as customer_id""")
        .param("id", messageId).param("now", Timestamp.from(now))
        .param("lease", Timestamp.from(now.plus(properties.lease())))
        .query((rs, n) -> new Claimed(rs.getLong("tenant_id"), messageId, rs.getString("customer_id"),
            Channel.valueOf(rs.getString("channel")), rs.getString("recipient"), rs.getString("subject"),
            rs.getString("body"), rs.getInt("attempts")))
        .optional();
  }

  private Outcome pending(long messageId) {
    return jdbc.sql("""
            select greatest(next_attempt_at, lease_until) from reach_deliveries
            where message_id = :id and sent_at is null and failed_at is null""")
        .param("id", messageId).query(Timestamp.class).optional()
        .<Outcome>map(at -> new Outcome.Later(at.toInstant()))
        .orElseGet(Outcome.Finished::new);
  }

  private ProviderResult send(Claimed c) {
    ChannelProvider provider = providers.get(c.channel());
    if (provider == null) {
      return new ProviderResult.Refused("none", "no-provider", "no provider serves " + c.channel());
    }
    String recipient = c.recipient() != null ? c.recipient() : addressOf(c);
    if (recipient == null && (c.channel() == Channel.EMAIL || c.channel() == Channel.SMS
        || c.channel() == Channel.ROBOCALL)) {
      return new ProviderResult.Refused("none", "no-address", "the customer has no address for " + c.channel());
    }
    try {
      return provider.send(new Parcel(c.tenantId(), c.messageId(), c.customerId(), c.channel(), recipient,
          c.subject(), c.body(), c.attempts()));
    } catch (RuntimeException e) {
      // a provider must answer with a result; a bug in one is an outage, not a lost message
      log.warn("provider for {} threw on message {}", c.channel(), c.messageId(), e);
      return new ProviderResult.Unavailable("error", e.toString());
    }
  }

  private String addressOf(Claimed c) {
    Optional<CustomerProfile> customer = customers.find(c.tenantId(), c.customerId());
    return switch (c.channel()) {
      case EMAIL -> customer.map(CustomerProfile::email).orElse(null);
      case SMS, ROBOCALL -> customer.map(CustomerProfile::phone).orElse(null);
      default -> null;
    };
  }

  private Outcome record(Claimed c, ProviderResult result, Instant now) {
    return switch (result) {
      case ProviderResult.Sent sent -> {
        jdbc.sql("""
                update reach_deliveries set sent_at = coalesce(sent_at, :now), provider = :provider,
                  provider_id = :providerId, provider_ref = :ref, lease_until = null, next_attempt_at = null,
                  last_error = null
                where message_id = :id""")
            .param("id", c.messageId()).param("now", Timestamp.from(now)).param("provider", sent.provider())
            .param("providerId", sent.providerId()).param("ref", sent.reference()).update();
        moves.move(c.tenantId(), c.messageId(), MessageStatus.SENT, null, now);
        if (sent.delivered()) {
          moves.move(c.tenantId(), c.messageId(), MessageStatus.DELIVERED, null, now);
        }
        yield new Outcome.Finished();
      }
      case ProviderResult.Unavailable down when c.attempts() < properties.maxAttempts() -> {
        Instant next = now.plus(properties.backoffAfter(c.attempts()));
        jdbc.sql("""
                update reach_deliveries set next_attempt_at = :next, lease_until = null, last_error = :error,
                  provider = :provider
                where message_id = :id and sent_at is null and failed_at is null""")
            .param("id", c.messageId()).param("next", Timestamp.from(next)).param("error", clip(down.error()))
            .param("provider", down.provider()).update();
        yield new Outcome.Later(next);
      }
      case ProviderResult.Unavailable down -> fail(c, down.provider(), "provider-unavailable", down.error(), now);
      case ProviderResult.Refused refused -> fail(c, refused.provider(), refused.reason(), refused.detail(), now);
    };
  }

  private Outcome fail(Claimed c, String provider, String reason, String detail, Instant now) {
    int updated = jdbc.sql("""
            update reach_deliveries set failed_at = :now, failure_reason = :reason, last_error = :detail,
              lease_until = null, next_attempt_at = null, provider = :provider
            where message_id = :id and sent_at is null and failed_at is null""")
        .param("id", c.messageId()).param("now", Timestamp.from(now)).param("reason", reason)
        .param("detail", clip(detail)).param("provider", provider).update();
    if (updated > 0) {
      moves.move(c.tenantId(), c.messageId(), MessageStatus.FAILED, reason, now);
    }
    return new Outcome.Finished();
  }

  private static String clip(String text) {
    return text == null || text.length() <= 500 ? text : text.substring(0, 500);
  }
}
