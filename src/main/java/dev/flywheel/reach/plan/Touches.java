package dev.flywheel.reach.plan;

import dev.flywheel.reach.Channel;
import dev.flywheel.reach.ContactPolicy;
import dev.flywheel.reach.MessageCategory;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The contacts caps count ({@code reach_touches}). Callers hold the customer's dispatch lock
 * ({@link #lock}), so a count followed by an insert cannot be raced by another sender.
 * Windows are rolling: a day is any 24 hours, a week any 7 days.
 */
@Repository
class Touches {
  private static final Duration DAY = Duration.ofDays(1);
  private static final Duration WEEK = Duration.ofDays(7);
  private final JdbcClient jdbc;

  Touches(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Why a touch cannot be made now, and when it could be. */
  record Block(String reason, Instant until) {}

  /**
   * Takes the customer's dispatch lock for this transaction; false when another transaction holds
   * it (that one is dispatching the customer; try again next round).
   */
  boolean lock(long tenantId, String customerId) {
    return Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(:tenant, hashtext(:customer))")
        .param("tenant", (int) tenantId).param("customer", customerId).query(Boolean.class).single());
  }

  /** The first rule a touch on {@code channel} at {@code now} would break, or empty. */
  Optional<Block> check(long tenantId, String customerId, Channel channel, ContactPolicy policy, Instant now) {
    Optional<Instant> last = jdbc.sql("""
            select max(at) from reach_touches where tenant_id = :tenant and customer_id = :customer""")
        .param("tenant", tenantId).param("customer", customerId).query(java.sql.Timestamp.class).optional()
        .map(java.sql.Timestamp::toInstant);
    if (last.isPresent() && policy.minIntervalMinutes() > 0
        && last.get().plus(policy.minInterval()).isAfter(now)) {
      return Optional.of(new Block("min-interval", last.get().plus(policy.minInterval())));
    }
    String name = channel.name().toLowerCase(Locale.ROOT);
    ContactPolicy.Caps caps = policy.caps(channel);
    return cap(tenantId, customerId, channel, caps.perDay(), DAY, now, "cap-daily-" + name)
        .or(() -> cap(tenantId, customerId, channel, caps.perWeek(), WEEK, now, "cap-weekly-" + name))
        .or(() -> cap(tenantId, customerId, null, policy.totalPerDay(), DAY, now, "cap-daily-total"))
        .or(() -> cap(tenantId, customerId, null, policy.totalPerWeek(), WEEK, now, "cap-weekly-total"));
  }

  /**
   * When {@code limit} touches (of {@code channel}, or all when null) already fall into the window
   * ending now: blocked until the oldest of the newest {@code limit} leaves the window.
   */
  private Optional<Block> cap(long tenantId, String customerId, Channel channel, Integer limit, Duration window,
      Instant now, String reason) {
    if (limit == null) {
      return Optional.empty();
    }
    if (limit <= 0) {
      return Optional.of(new Block(reason, Instant.MAX));
    }
    return jdbc.sql("""
            select at from reach_touches
            where tenant_id = :tenant and customer_id = :customer and at > :from
              and (cast(:channel as text) is null or channel = :channel)
            order by at desc offset :skip limit 1""")
        .param("tenant", tenantId).param("customer", customerId).param("from", MessageRows.ts(now.minus(window)))
        .param("channel", channel == null ? null : channel.name()).param("skip", limit - 1)
        .query(java.sql.Timestamp.class).optional()
        .map(at -> new Block(reason, at.toInstant().plus(window)));
  }

  void record(long tenantId, String customerId, Channel channel, MessageCategory category, long messageId,
      Instant at) {
    jdbc.sql("""
            insert into reach_touches (tenant_id, customer_id, channel, category, message_id, at)
            values (:tenant, :customer, :channel, :category, :message, :at)""")
        .param("tenant", tenantId).param("customer", customerId).param("channel", channel.name())
        .param("category", category.name()).param("message", messageId).param("at", MessageRows.ts(at)).update();
  }
}
