package dev.flywheel.community;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.customer.Customers;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.event.IngestionResult;
import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import dev.flywheel.support.TestTenants.TestTenant;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The weekly report's figures against naive SQL over the same rows. */
@RunningFlywheel
class WeeklyReportTest {
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final AtomicInteger IDS = new AtomicInteger();
  @Autowired TestTenants tenants;
  @Autowired Communities communities;
  @Autowired CommunityChat chat;
  @Autowired ContentCalendar calendar;
  @Autowired Customers customers;
  @Autowired EventIngestion events;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;

  @Test
  void postsGamesParticipationProductsAndConversionsMatchNaiveSql() {
    TestTenant tenant = tenants.create();
    long t = tenant.id();
    for (String c : List.of("c1", "c2", "c3", "c4", "c9")) {
      customers.saveProfile(t, c, Map.of("name", c));
    }
    long id = ((CommunityResult.Done) communities.create(t, new CommunityDraft("Loan club", "", ChatKind.WEB_ROOM,
        null, List.of(tenant.user(Role.EMPLOYEE))), "op")).community().id();
    LocalDate monday = LocalDate.ofInstant(clock.instant(), SHANGHAI).plusWeeks(1).with(DayOfWeek.MONDAY);
    Instant start = monday.atStartOfDay(SHANGHAI).toInstant();
    SopTemplate template = ((CalendarResult.Done<SopTemplate>) calendar.saveTemplate(t, null, "Week", "", List.of(
        new SopTemplate.Slot(null, DayOfWeek.WEDNESDAY, LocalTime.of(9, 0), SopSlotKind.PRODUCT_INFO, SopMode.AUTO,
            "Fund", "Our 90-day fund", null, null),
        new SopTemplate.Slot(null, DayOfWeek.THURSDAY, LocalTime.of(9, 0), SopSlotKind.NEWS, SopMode.AUTO,
            "News", "Rates news", null, null),
        new SopTemplate.Slot(null, DayOfWeek.FRIDAY, LocalTime.of(20, 0), SopSlotKind.GAME, SopMode.TASK,
            "Game", "Run the dice game", null, null)), "op")).value();
    List<CalendarSlot> slots = ((CalendarResult.Done<List<CalendarSlot>>) calendar.apply(t, id, template.id(), monday,
        "op")).value();

    clock.set(start.plus(Duration.ofHours(10))); // Monday 10:00
    for (String c : List.of("c1", "c2", "c3", "c4")) {
      communities.join(t, id, c, c);
    }
    invest(t, "c3", clock.instant()); // before any product placement
    clock.advance(Duration.ofDays(1)); // Tuesday 10:00
    say(t, id, "c1", "hello");
    say(t, id, "c2", "A");
    say(t, id, "c2", "B");
    chat.receive(t, id, new Inbound("x-" + IDS.incrementAndGet(), null, "guest", "who am I"));
    post(t, id, PostKind.GAME, "game-round:1");
    post(t, id, PostKind.GAME, "game-round:1");
    post(t, id, PostKind.GAME, "game-round:2");
    post(t, id, PostKind.PRODUCT, "game-product:1");
    Instant productTuesday = clock.instant();
    clock.set(slots.getFirst().dueAt());
    calendar.fire(slots.getFirst().id()); // Wednesday's product slot: a placement
    clock.set(slots.get(1).dueAt());
    calendar.fire(slots.get(1).id()); // Thursday's news: a post, not a placement
    clock.set(productTuesday.plus(Duration.ofDays(2)));
    invest(t, "c1", clock.instant()); // within 7 days: a conversion
    invest(t, "c9", clock.instant()); // not a member
    clock.set(productTuesday.plus(Duration.ofDays(9)));
    invest(t, "c2", clock.instant()); // 9 days after Tuesday, 8 after Wednesday: too late

    WeeklyReport r = calendar.report(t, id, monday.plusDays(4)).orElseThrow();

    Instant end = start.plus(Duration.ofDays(7));
    assertThat(r.weekStart()).isEqualTo(monday);
    assertThat(r.postsMade()).isEqualTo(naive("""
        select count(*) from community_messages where community_id = :c and direction = 'OUT'
          and received_at >= :from and received_at < :to""", id, start, end)).isEqualTo(6);
    assertThat(r.gameRounds()).isEqualTo(naive("""
        select count(distinct reference) from community_messages where community_id = :c and kind = 'GAME'
          and received_at >= :from and received_at < :to""", id, start, end)).isEqualTo(2);
    assertThat(r.members()).isEqualTo(naive("select count(*) from community_members where community_id = :c"
        + " and joined_at < :to and :from = :from", id, start, end)).isEqualTo(4);
    assertThat(r.participants()).isEqualTo(naive("""
        select count(distinct customer_id) from community_messages where community_id = :c and direction = 'IN'
          and received_at >= :from and received_at < :to""", id, start, end)).isEqualTo(2);
    assertThat(r.participation()).isEqualTo(0.5);
    String placements = """
        select m.received_at from community_messages m where m.community_id = :c and m.received_at >= :from
          and m.received_at < :to and (m.kind = 'PRODUCT' or m.reference in
            (select 'sop-slot:' || id from community_sop_slots where kind in ('PRODUCT_INFO', 'PROMOTION')))""";
    assertThat(r.productsPlaced()).isEqualTo(naive("select count(*) from (" + placements + ") p", id, start, end))
        .isEqualTo(2);
    assertThat(r.conversions()).isEqualTo(naive("""
        select count(distinct e.customer_id) from events e
        join community_members mb on mb.community_id = :c and mb.customer_id = e.customer_id
        where e.tenant_id = mb.tenant_id and e.type in ('investment', 'drawdown') and exists (select 1 from (%s) p
          where e.occurred_at >= p.received_at and e.occurred_at < p.received_at + interval '7 days')
        """.formatted(placements), id, start, end)).isEqualTo(1);
    assertThat(r.slots()).isEqualTo(3);
    assertThat(r.slotsDone()).isEqualTo(2);
    assertThat(r.slotsOverdue()).isEqualTo(1); // Friday's game task, never marked done
  }

  private void say(long t, long id, String customer, String body) {
    assertThat(chat.receive(t, id, new Inbound("m-" + IDS.incrementAndGet(), customer, customer, body)))
        .isInstanceOf(CommunityChat.Receipt.Accepted.class);
  }

  private void post(long t, long id, PostKind kind, String reference) {
    assertThat(chat.post(t, id, new Post("Manager", kind + " " + reference, kind, reference))).isPresent();
  }

  private void invest(long t, String customer, Instant at) {
    assertThat(events.ingest(t, IncomingEvent.of("inv-" + IDS.incrementAndGet() + "-" + t, customer, "investment", at,
        Map.of("amount", new BigDecimal("1000"), "product", "fund-90", "term_days", 90))))
        .isInstanceOf(IngestionResult.Accepted.class);
  }

  private int naive(String sql, long community, Instant from, Instant to) {
    return jdbc.sql(sql).param("c", community).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
        .query(Long.class).single().intValue();
  }
}
