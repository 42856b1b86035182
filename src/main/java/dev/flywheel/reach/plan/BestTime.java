package dev.flywheel.reach.plan;

import dev.flywheel.reach.template.StickyChoice;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Best contact time: the hour (tenant time) at which messages were most often opened or clicked
 * over the last 90 days (ties: the earlier hour), looked for in three places, in order:
 * <ol>
 *   <li>the customer's own messages, when they engaged at least {@value #MIN_OWN} times;
 *   <li>else their segment's: messages planned while their customer was in the same segment (the
 *       customer's lifecycle stage, stored on each message as {@code segment}), when at least
 *       {@value #MIN_SEGMENT} engagements;
 *   <li>else the whole tenant's (any engagement);
 * </ol>
 * else empty (the caller uses the tenant's fixed hour). An experiment splits customers stickily
 * into {@value #BEST} and {@value #FIXED} (the tenant's fixed hour), the arm being stored on the
 * message.
 */
@Component
public class BestTime {
  public static final String BEST = "best-time";
  public static final String FIXED = "fixed-hour";
  /** Engagements a customer needs before their own hour is trusted. */
  public static final int MIN_OWN = 3;
  /** Engagements a segment needs before its hour is used. */
  public static final int MIN_SEGMENT = 3;
  private static final Duration WINDOW = Duration.ofDays(90);
  private final JdbcClient jdbc;

  BestTime(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Where the hour came from. */
  public enum Basis { CUSTOMER, SEGMENT, TENANT }

  /** A chosen hour (0–23, tenant time) and where it came from. */
  public record Pick(int hour, Basis basis) {}

  private record Hours(int hour, long engagements, long total) {}

  /** The arm of one customer in one template's experiment. */
  public static String arm(long templateId, String customerId) {
    return StickyChoice.bucket("best-time/" + templateId, customerId) < 5_000 ? BEST : FIXED;
  }

  /**
   * The customer's best hour, else their segment's, else the tenant's, else empty.
   *
   * @param segment the customer's segment now (lifecycle stage name), or null
   */
  public Optional<Pick> hour(long tenantId, String customerId, String segment, ZoneId zone, Instant now) {
    Optional<Hours> own = busiest(tenantId, "m.customer_id = :key", customerId, zone, now);
    if (own.isPresent() && own.get().total() >= MIN_OWN) {
      return Optional.of(new Pick(own.get().hour(), Basis.CUSTOMER));
    }
    if (segment != null) {
      Optional<Hours> ofSegment = busiest(tenantId, "m.segment = :key", segment, zone, now);
      if (ofSegment.isPresent() && ofSegment.get().total() >= MIN_SEGMENT) {
        return Optional.of(new Pick(ofSegment.get().hour(), Basis.SEGMENT));
      }
    }
    return busiest(tenantId, "cast(:key as text) is null", null, zone, now)
        .map(h -> new Pick(h.hour(), Basis.TENANT));
  }

  /** The hour with the most engagements among the messages {@code filter} selects, with the total. */
  private Optional<Hours> busiest(long tenantId, String filter, String key, ZoneId zone, Instant now) {
    List<Hours> hours = jdbc.sql("""
            select h, n, sum(n) over () as total from (
              select extract(hour from coalesce(d.clicked_at, d.opened_at) at time zone :zone)::int as h,
                count(*) as n
              from reach_deliveries d join reach_messages m on m.id = d.message_id
              where d.tenant_id = :tenant and coalesce(d.clicked_at, d.opened_at) > :from and FILTER
              group by 1) per_hour
            order by n desc, h limit 1""".replace("FILTER", filter))
        .param("zone", zone.getId()).param("tenant", tenantId).param("key", key)
        .param("from", MessageRows.ts(now.minus(WINDOW)))
        .query((rs, n) -> new Hours(rs.getInt(1), rs.getLong(2), rs.getLong(3))).list();
    return hours.stream().findFirst();
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

  /** The segment of a customer for best contact time: their lifecycle stage, or null. */
  public static String segmentOf(dev.flywheel.customer.CustomerProfile customer) {
    return customer.lifecycle() == null || customer.lifecycle().stage() == null ? null
        : customer.lifecycle().stage().name();
  }
}
