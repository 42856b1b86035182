package dev.flywheel.journey.run;

import dev.flywheel.customer.SegmentMembers;
import dev.flywheel.customer.Segments;
import dev.flywheel.journey.JourneyDefinition;
import dev.flywheel.journey.TriggerKind;
import dev.flywheel.journey.store.JourneyIndex;
import dev.flywheel.journey.store.JourneyStore;
import dev.flywheel.platform.tenancy.Tenant;
import dev.flywheel.platform.tenancy.Tenants;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The triggers no event announces: segment entry (customers who are members now and were not at
 * the previous sweep enter) and daily schedules (once per tenant day after {@code daily_at}, every
 * member enters). One transaction per page of members; safe to repeat (entry keys are unique). A
 * schedule day is claimed with a lease and marked done after its last page, so a crash mid-day
 * does not lose the rest of the day's entries. A journey whose sweep fails does not stop the
 * others.
 */
@Component
public class Sweeps {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Sweeps.class);
  private static final int PAGE = 1_000;
  /** How long a sweep owns a schedule day between pages; after it, another sweep takes the day over. */
  static final Duration SCHEDULE_LEASE = Duration.ofMinutes(10);
  private final JourneyStore journeys;
  private final Segments segments;
  private final Tenants tenants;
  private final Engine engine;
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final Clock clock;

  Sweeps(JourneyStore journeys, Segments segments, Tenants tenants, Engine engine, JdbcClient jdbc,
      TransactionTemplate transactions, Clock clock) {
    this.journeys = journeys;
    this.segments = segments;
    this.tenants = tenants;
    this.engine = engine;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** Runs both sweeps for every tenant; returns how many customers entered. */
  public int run() {
    int entered = 0;
    for (long[] j : journeys.activeWithTrigger(TriggerKind.SEGMENT_ENTRY.name())) {
      entered += guarded(j, () -> segmentEntry(j[0], j[1], (int) j[2]));
    }
    for (long[] j : journeys.activeWithTrigger(TriggerKind.SCHEDULE.name())) {
      entered += guarded(j, () -> schedule(j[0], j[1], (int) j[2]));
    }
    return entered;
  }

  private static int guarded(long[] journey, java.util.function.IntSupplier sweep) {
    try {
      return sweep.getAsInt();
    } catch (RuntimeException e) {
      log.warn("Sweep of journey {} (tenant {}) failed; the next sweep retries", journey[1], journey[0], e);
      return 0;
    }
  }

  private int segmentEntry(long tenantId, long journeyId, int version) {
    JourneyIndex.Active journey = new JourneyIndex.Active(journeyId, version,
        journeys.definition(tenantId, journeyId, version));
    long segmentId = journey.definition().trigger().segmentId();
    Instant now = clock.instant();
    int entered = 0;
    for (int page = 0; ; page++) {
      SegmentMembers members = segments.members(tenantId, segmentId, page, PAGE);
      Integer n = transactions.execute(tx -> {
        int count = 0;
        for (String customerId : members.customerIds()) {
          int added = jdbc.sql("""
                  insert into journey_segment_members (tenant_id, journey_id, customer_id, seen_at)
                  values (:t, :j, :c, :now) on conflict do nothing""")
              .param("t", tenantId).param("j", journeyId).param("c", customerId).param("now", Timestamp.from(now))
              .update();
          if (added == 1 && engine.enter(tenantId, journey, customerId, "segment:" + segmentId + ":" + customerId
              + ":" + now.toEpochMilli(), Map.of("type", "segment_entered", "attributes",
              Map.of("segment_id", segmentId))).isPresent()) {
            count++;
          }
        }
        jdbc.sql("update journey_segment_members set seen_at = :now where tenant_id = :t and journey_id = :j and customer_id in (:ids)")
            .param("now", Timestamp.from(now)).param("t", tenantId).param("j", journeyId)
            .param("ids", members.customerIds().isEmpty() ? List.of("") : members.customerIds()).update();
        return count;
      });
      entered += n == null ? 0 : n;
      if (members.customerIds().size() < PAGE) {
        break;
      }
    }
    // customers who left the segment may enter again when they come back
    jdbc.sql("delete from journey_segment_members where tenant_id = :t and journey_id = :j and seen_at < :now")
        .param("t", tenantId).param("j", journeyId).param("now", Timestamp.from(now)).update();
    return entered;
  }

  private int schedule(long tenantId, long journeyId, int version) {
    JourneyDefinition definition = journeys.definition(tenantId, journeyId, version);
    Tenant tenant = tenants.find(tenantId).orElseThrow();
    ZonedDateTime local = clock.instant().atZone(tenant.timeZone());
    if (!local.toLocalTime().isBefore(LocalTime.parse(definition.trigger().dailyAt()))) {
      jdbc.sql("""
              insert into journey_schedule_days (tenant_id, journey_id, day, entered) values (:t, :j, :day, 0)
              on conflict do nothing""")
          .param("t", tenantId).param("j", journeyId).param("day", Date.valueOf(local.toLocalDate())).update();
    }
    List<LocalDate> open = jdbc.sql("""
            select day from journey_schedule_days where tenant_id = :t and journey_id = :j and done_at is null
            order by day""")
        .param("t", tenantId).param("j", journeyId).query(Date.class).list().stream().map(Date::toLocalDate).toList();
    JourneyIndex.Active journey = new JourneyIndex.Active(journeyId, version, definition);
    int entered = 0;
    for (LocalDate day : open) {
      entered += scheduleDay(tenantId, journey, day);
    }
    return entered;
  }

  /**
   * Enters every member for one schedule day, if this sweep can claim it: the claim is a lease
   * (renewed with every page) and the day is done only after the last page, so a node that dies
   * mid-day leaves it to the next sweep after the lease; entry keys skip those already entered.
   */
  private int scheduleDay(long tenantId, JourneyIndex.Active journey, LocalDate day) {
    if (!lease(tenantId, journey.journeyId(), day, false, 0)) {
      return 0;
    }
    int entered = 0;
    for (int page = 0; ; page++) {
      SegmentMembers members = segments.members(tenantId, journey.definition().trigger().segmentId(), page, PAGE);
      Integer n = transactions.execute(tx -> {
        int count = (int) members.customerIds().stream()
            .filter(c -> engine.enter(tenantId, journey, c, "schedule:" + day + ":" + c,
                Map.of("type", "scheduled", "attributes", Map.of("day", day.toString()))).isPresent())
            .count();
        lease(tenantId, journey.journeyId(), day, true, count);
        return count;
      });
      entered += n == null ? 0 : n;
      if (members.customerIds().size() < PAGE) {
        break;
      }
    }
    jdbc.sql("""
            update journey_schedule_days set done_at = :now, lease_until = null
            where tenant_id = :t and journey_id = :j and day = :day""")
        .param("now", Timestamp.from(clock.instant())).param("t", tenantId).param("j", journey.journeyId())
        .param("day", Date.valueOf(day)).update();
    return entered;
  }

  /**
   * Takes ({@code renew} false) or renews the day's lease, adding {@code entered}; false when the
   * day is done or, when taking, another sweep's lease has not passed.
   */
  private boolean lease(long tenantId, long journeyId, LocalDate day, boolean renew, int entered) {
    Instant now = clock.instant();
    return jdbc.sql("""
            update journey_schedule_days set lease_until = :until, entered = entered + :entered
            where tenant_id = :t and journey_id = :j and day = :day and done_at is null
              and (:renew or lease_until is null or lease_until <= :now)""")
        .param("until", Timestamp.from(now.plus(SCHEDULE_LEASE))).param("entered", entered)
        .param("renew", renew).param("t", tenantId).param("j", journeyId)
        .param("day", Date.valueOf(day)).param("now", Timestamp.from(now)).update() == 1;
  }
}
