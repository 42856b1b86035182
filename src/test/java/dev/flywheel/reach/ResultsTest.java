package dev.flywheel.reach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.customer.Customers;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.reach.plan.BestTime;
import dev.flywheel.reach.plan.Dispatcher;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Figures by source and variant, variant results with conversions, and the best-contact-time experiment. */
@RunningFlywheel
class ResultsTest {
  @Autowired TestTenants tenants;
  @Autowired Customers customers;
  @Autowired EventIngestion events;
  @Autowired MessageTemplates templates;
  @Autowired Reach reach;
  @Autowired Dispatcher dispatcher;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;
  ReachFixture f;

  @BeforeEach
  void tenant() {
    f = new ReachFixture(tenants.create().id(), customers, events, templates, reach, dispatcher, clock, jdbc);
    f.at(LocalTime.of(11, 0));
  }

  @Test
  void figuresAndVariantResultsCountHowFarMessagesGot() {
    MessageTemplate t = templates.save(f.tenantId(), new MessageTemplate.Draft("recall", Channel.PUSH, false,
        "app_login", List.of(new MessageTemplate.Variant("caring", 1, "Hi", "We miss you"),
            new MessageTemplate.Variant("official", 1, "Notice", "Notice"))), "test");
    for (int i = 0; i < 12; i++) {
      f.customer("f-" + i);
      f.send("f-" + i, Channel.PUSH, MessageCategory.MARKETING, "recall", "recall/" + i);
    }
    f.customer("out");
    jdbc.sql("""
            insert into customer_consents (tenant_id, customer_id, channel, granted, opted_out_at, updated_at)
            values (:t, 'out', 'push', false, now(), now())""").param("t", f.tenantId()).update();
    f.send("out", Channel.PUSH, MessageCategory.MARKETING, "recall", "recall/out");
    dispatcher.dispatchDue();
    clock.advance(Duration.ofMinutes(5));
    // what delivery records: f-0..5 delivered, f-0..2 clicked; f-0 and f-1 log in afterwards
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.sql("""
            update reach_deliveries d set sent_at = :now,
              delivered_at = case when m.customer_id in ('f-0', 'f-1', 'f-2', 'f-3', 'f-4', 'f-5')
                then cast(:now as timestamptz) end,
              clicked_at = case when m.customer_id in ('f-0', 'f-1', 'f-2') then cast(:now as timestamptz) end
            from reach_messages m where m.id = d.message_id and m.tenant_id = :t""")
        .param("now", now).param("t", f.tenantId()).update();
    for (String who : List.of("f-0", "f-1")) {
      events.ingest(f.tenantId(), IncomingEvent.of(UUID.randomUUID().toString(), who, "app_login",
          clock.instant(), Map.of()));
    }
    assertThat(reach.figures(f.tenantId(), "journey/")).isEmpty();
    List<MessageFigures> figures = reach.figures(f.tenantId(), "test/");
    assertThat(figures.stream().mapToLong(MessageFigures::planned).sum()).isEqualTo(12);
    assertThat(figures.stream().mapToLong(MessageFigures::sent).sum()).isEqualTo(12);
    assertThat(figures.stream().mapToLong(MessageFigures::delivered).sum()).isEqualTo(6);
    assertThat(figures.stream().mapToLong(MessageFigures::clicked).sum()).isEqualTo(3);
    assertThat(figures).extracting(MessageFigures::source).containsOnly("test/recall");
    assertThat(figures.stream().mapToLong(MessageFigures::refused).sum()).as("opted out: refused at send, not stored")
        .isZero();

    List<VariantResult> results = templates.results(f.tenantId(), t);
    assertThat(results).extracting(VariantResult::variant).containsExactly("caring", "official");
    assertThat(results.stream().mapToLong(VariantResult::queued).sum()).isEqualTo(12);
    assertThat(results.stream().mapToLong(VariantResult::clicked).sum()).isEqualTo(3);
    assertThat(results.stream().mapToLong(VariantResult::converted).sum()).isEqualTo(2);
    for (VariantResult r : results) {
      long expected = jdbc.sql("""
              select count(*) from reach_messages where tenant_id = :t and variant = :v and customer_id in ('f-0', 'f-1')""")
          .param("t", f.tenantId()).param("v", r.variant()).query(Long.class).single();
      assertThat(r.converted()).as(r.variant()).isEqualTo(expected);
    }
  }

  @Test
  void bestContactTimeSendsAtTheCustomersHourAndTheOtherArmAtTheFixedHour() {
    MessageTemplate t = templates.save(f.tenantId(), new MessageTemplate.Draft("nudge", Channel.PUSH, true, null,
        List.of(new MessageTemplate.Variant("caring", 1, "Hi", "Hello"))), "test");
    String best = null;
    String fixed = null;
    for (int i = 0; best == null || fixed == null; i++) {
      String id = "bt-" + i;
      if (BestTime.BEST.equals(BestTime.arm(t.id(), id))) {
        best = best == null ? id : best;
      } else {
        fixed = fixed == null ? id : fixed;
      }
    }
    f.customer(best);
    f.customer(fixed);
    // best's past message was opened at 20:xx Shanghai time
    long old = f.queued(f.send(best, Channel.PUSH, MessageCategory.SERVICE, "nudge", "old"));
    dispatcher.dispatchDue();
    Instant opened = clock.instant().atZone(ReachFixture.SHANGHAI).with(LocalTime.of(20, 15)).toInstant();
    jdbc.sql("update reach_deliveries set opened_at = :at where message_id = :id")
        .param("at", Timestamp.from(opened)).param("id", old).update();
    clock.advance(Duration.ofDays(1));

    var toBest = (SendOutcome.Queued) f.send(best, Channel.PUSH, MessageCategory.MARKETING, "nudge", "b");
    var toFixed = (SendOutcome.Queued) f.send(fixed, Channel.PUSH, MessageCategory.MARKETING, "nudge", "f");
    assertThat(toBest.plannedAt().atZone(ReachFixture.SHANGHAI).toLocalTime()).isEqualTo(LocalTime.of(20, 0));
    assertThat(toFixed.plannedAt().atZone(ReachFixture.SHANGHAI).toLocalTime()).isEqualTo(LocalTime.of(10, 0));
    assertThat(toFixed.plannedAt()).isAfter(clock.instant());
    assertThat(jdbc.sql("select send_arm from reach_messages where id = :id").param("id", toBest.messageId())
        .query(String.class).single()).isEqualTo(BestTime.BEST);
    assertThat(jdbc.sql("select send_arm from reach_messages where id = :id").param("id", toFixed.messageId())
        .query(String.class).single()).isEqualTo(BestTime.FIXED);
    assertThat(templates.armResults(f.tenantId(), t)).extracting(VariantResult::variant)
        .containsExactly(BestTime.BEST, BestTime.FIXED);
    var service = (SendOutcome.Queued) f.send(fixed, Channel.PUSH, MessageCategory.SERVICE, "nudge", "s");
    assertThat(service.plannedAt()).as("service messages are not moved").isEqualTo(clock.instant());
  }
}
