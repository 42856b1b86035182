package dev.flywheel.reach.plan;

import dev.flywheel.reach.template.StickyChoice;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Best contact time: the hour (tenant time) at which the customer most often opened or clicked a
 * message over the last 90 days, else the tenant's most frequent such hour. An experiment splits
 * customers stickily into {@value #BEST} and {@value #FIXED} (the tenant's fixed hour), the arm
 * being stored on the message.
 */
@Component
public class BestTime {
  public static final String BEST = "best-time";
  public static final String FIXED = "fixed-hour";
  private final JdbcClient jdbc;

  BestTime(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The arm of one customer in one template's experiment. */
  public static String arm(long templateId, String customerId) {
    return StickyChoice.bucket("best-time/" + templateId, customerId) < 5_000 ? BEST : FIXED;
  }

  /** The customer's best hour, else the tenant's, else empty. */
  public Optional<Integer> hour(long tenantId, String customerId, ZoneId zone, Instant now) {
    String sql = """
        select extract(hour from coalesce(d.clicked_at, d.opened_at) at time zone :zone)::int as h, count(*)
        from reach_deliveries d join reach_messages m on m.id = d.message_id
        where d.tenant_id = :tenant and coalesce(d.clicked_at, d.opened_at) > :from
          and (cast(:customer as text) is null or m.customer_id = :customer)
        group by 1 order by 2 desc, 1 limit 1""";
    for (String who : java.util.Arrays.asList(customerId, null)) {
      List<Integer> hours = jdbc.sql(sql).param("zone", zone.getId()).param("tenant", tenantId)
          .param("from", MessageRows.ts(now.minus(java.time.Duration.ofDays(90)))).param("customer", who)
          .query((rs, n) -> rs.getInt(1)).list();
      if (!hours.isEmpty()) {
        return Optional.of(hours.getFirst());
      }
    }
    return Optional.empty();
  }

  /** The first time at or after {@code from} whose hour (in {@code zone}) is {@code hour}. */
  public static Instant nextAt(Instant from, int hour, ZoneId zone) {
    ZonedDateTime local = from.atZone(zone);
    ZonedDateTime at = local.withHour(hour).withMinute(0).withSecond(0).withNano(0);
    if (at.isBefore(local)) {
      at = at.plusDays(1);
    }
    return at.toInstant();
  }
}
