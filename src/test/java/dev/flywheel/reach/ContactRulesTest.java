package dev.flywheel.reach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.customer.Customers;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.reach.plan.Dispatcher;
import dev.flywheel.reach.policy.PolicyStore;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.time.Duration;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Consent, loan-stage policy, quiet hours, caps, minimum interval, priority and expiry. */
@RunningFlywheel
class ContactRulesTest {
  @Autowired TestTenants tenants;
  @Autowired Customers customers;
  @Autowired EventIngestion events;
  @Autowired MessageTemplates templates;
  @Autowired Reach reach;
  @Autowired Dispatcher dispatcher;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired PolicyStore policies;
  ReachFixture f;

  @BeforeEach
  void tenant() {
    f = new ReachFixture(tenants.create().id(), customers, events, templates, reach, dispatcher, clock, jdbc);
    f.at(LocalTime.of(11, 0));
    f.template("offer", Channel.SMS, "Offer for ${customer.name}");
    f.template("offer", Channel.PUSH, "Offer for ${customer.name}");
    f.template("repay", Channel.PUSH, "Your repayment is due");
    f.template("call", Channel.PHONE_TASK, "Call ${customer.name} about the application");
    f.template("call", Channel.ROBOCALL, "Reminder for ${customer.name}");
  }

  @Test
  void anOptedOutChannelIsRefusedAtOnceAndAlsoForMessagesAlreadyPlanned() {
    f.customer("c-1");
    long planned = f.queued(f.send("c-1", Channel.SMS, MessageCategory.MARKETING, "offer", "before"));
    customers.saveProfile(f.tenantId(), "c-1", Map.of("name", "Wang Fang", "phone", "13812345678"));
    jdbc.sql("""
            insert into customer_consents (tenant_id, customer_id, channel, granted, opted_out_at, updated_at)
            values (:t, 'c-1', 'sms', false, now(), now())""").param("t", f.tenantId()).update();
    assertThat(f.send("c-1", Channel.SMS, MessageCategory.MARKETING, "offer", "after"))
        .isEqualTo(new SendOutcome.Refused("opted-out", "the customer opted out of SMS"));
    dispatcher.dispatchDue();
    assertThat(f.status(planned)).isEqualTo("REFUSED:opted-out");
    assertThat(f.deliveries()).isEmpty();
  }

  @Test
  void anEmailGoesToTheProfilesEmailFieldAndACustomerWithoutAnyAddressIsRefused() {
    f.template("welcome", Channel.EMAIL, "Welcome ${customer.name}");
    customers.saveProfile(f.tenantId(), "e-1", Map.of("name", "Li Lei", "email", "li.lei@example.com"));
    customers.saveProfile(f.tenantId(), "e-2", Map.of("name", "Han Meimei"));
    long queued = f.queued(f.send("e-1", Channel.EMAIL, MessageCategory.SERVICE, "welcome", "mail-1"));
    assertThat(f.send("e-2", Channel.EMAIL, MessageCategory.SERVICE, "welcome", "mail-2"))
        .isInstanceOf(SendOutcome.Refused.class).extracting(r -> ((SendOutcome.Refused) r).reason())
        .isEqualTo("no-address");
    dispatcher.dispatchDue();
    assertThat(f.deliveries()).singleElement().satisfies(m -> {
      assertThat(m.messageId()).isEqualTo(queued);
      assertThat(m.recipient()).isEqualTo("li.lei@example.com");
    });
  }

  @Test
  void h5OnlyCustomersGetSmsAndRobocallButNoPhoneTask() {
    f.customer("h5");
    f.h5Registration("h5");
    assertThat(customers.find(f.tenantId(), "h5").orElseThrow().loan().h5Only()).isTrue();
    SendOutcome call = f.send("h5", Channel.PHONE_TASK, MessageCategory.MARKETING, "call", "p");
    assertThat(call).isInstanceOf(SendOutcome.Refused.class);
    assertThat(((SendOutcome.Refused) call).reason()).isEqualTo("channel-not-allowed-for-stage");
    assertThat(f.send("h5", Channel.ROBOCALL, MessageCategory.MARKETING, "call", "r"))
        .isInstanceOf(SendOutcome.Queued.class);
    assertThat(f.send("h5", Channel.SMS, MessageCategory.MARKETING, "offer", "s"))
        .isInstanceOf(SendOutcome.Queued.class);
    f.customer("app-user");
    assertThat(f.send("app-user", Channel.PHONE_TASK, MessageCategory.MARKETING, "call", "p2"))
        .isInstanceOf(SendOutcome.Queued.class);
  }

  @Test
  void quietHoursDeferToTheirEndAndDropOnlyWhatWouldExpire() {
    f.customer("c-q");
    f.at(LocalTime.of(22, 30));
    var outcome = (SendOutcome.Queued) f.send("c-q", Channel.SMS, MessageCategory.SERVICE, "offer", "q1");
    var nineAm = clock.instant().atZone(ReachFixture.SHANGHAI).plusDays(1).with(LocalTime.of(9, 0)).toInstant();
    assertThat(outcome.plannedAt()).as("planned for the end of the quiet hours").isEqualTo(nineAm);
    long expiring = f.queued(f.send("c-q", Channel.PUSH, MessageCategory.SERVICE, "offer", "q2",
        clock.instant().plus(Duration.ofHours(2))));
    // the tenant turns quiet hours on for push after the message was planned
    ContactPolicy p = policies.find(f.tenantId());
    policies.save(f.tenantId(), new ContactPolicy(p.channelCaps(), p.totalPerDay(), p.totalPerWeek(),
        p.minIntervalMinutes(), new ContactPolicy.QuietHours(LocalTime.of(21, 0), LocalTime.of(9, 0),
            java.util.Set.of(Channel.SMS, Channel.PUSH)), p.stageChannels(), p.h5OnlyChannels(), p.optOutText(),
        p.fixedSendHour()), "test");
    dispatcher.dispatchDue();
    assertThat(f.status(expiring)).isEqualTo("DROPPED:quiet-hours");
    assertThat(f.deliveries()).isEmpty();
    clock.set(nineAm);
    dispatcher.dispatchDue();
    assertThat(f.status(outcome.messageId())).isEqualTo("QUEUED");
  }

  @Test
  void capsPerChannelAndInTotalAndTheMinimumIntervalDeferWithTheirReason() {
    f.customer("c-cap");
    long push1 = f.queued(f.send("c-cap", Channel.PUSH, MessageCategory.MARKETING, "offer", "p1"));
    dispatcher.dispatchDue();
    assertThat(f.status(push1)).isEqualTo("QUEUED");
    clock.advance(Duration.ofMinutes(30));
    long sms1 = f.queued(f.send("c-cap", Channel.SMS, MessageCategory.MARKETING, "offer", "s1"));
    dispatcher.dispatchDue();
    assertThat(f.status(sms1)).isEqualTo("DEFERRED:min-interval");
    assertThat(f.plannedAt(sms1)).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
    clock.advance(Duration.ofMinutes(30));
    dispatcher.dispatchDue();
    assertThat(f.status(sms1)).isEqualTo("QUEUED");
    clock.advance(Duration.ofHours(2));
    long push2 = f.queued(f.send("c-cap", Channel.PUSH, MessageCategory.MARKETING, "offer", "p2"));
    dispatcher.dispatchDue();
    assertThat(f.status(push2)).isEqualTo("DEFERRED:cap-daily-push");
    clock.advance(Duration.ofHours(2));
    long sms2 = f.queued(f.send("c-cap", Channel.SMS, MessageCategory.MARKETING, "offer", "s2"));
    dispatcher.dispatchDue();
    assertThat(f.status(sms2)).isEqualTo("QUEUED");
    clock.advance(Duration.ofHours(2));
    long sms3 = f.queued(f.send("c-cap", Channel.SMS, MessageCategory.MARKETING, "offer", "s3"));
    dispatcher.dispatchDue();
    assertThat(f.status(sms3)).isEqualTo("DEFERRED:cap-weekly-sms");
    clock.advance(Duration.ofHours(20));
    dispatcher.dispatchDue();
    assertThat(f.status(push2)).as("a day after the first push").isEqualTo("QUEUED");
    clock.advance(Duration.ofHours(2));
    long push3 = f.queued(f.send("c-cap", Channel.PUSH, MessageCategory.MARKETING, "offer", "p3"));
    clock.advance(Duration.ofDays(1));
    dispatcher.dispatchDue();
    assertThat(f.status(push3)).as("four touches this week").isEqualTo("DEFERRED:cap-weekly-total");
    assertThat(jdbc.sql("select count(*) from reach_touches where tenant_id = :t").param("t", f.tenantId())
        .query(Long.class).single()).isEqualTo(4);
  }

  @Test
  void whenTheCapAllowsOneTheTransactionalMessageWinsAndTheMarketingOneIsOutranked() {
    f.customer("c-p");
    Map<Channel, ContactPolicy.Caps> caps = new EnumMap<>(Channel.class);
    caps.put(Channel.PUSH, new ContactPolicy.Caps(1, null));
    ContactPolicy p = policies.find(f.tenantId());
    policies.save(f.tenantId(), new ContactPolicy(caps, null, null, 0, p.quietHours(), p.stageChannels(),
        p.h5OnlyChannels(), p.optOutText(), p.fixedSendHour()), "test");
    long marketing = f.queued(f.send("c-p", Channel.PUSH, MessageCategory.MARKETING, "offer", "m"));
    clock.advance(Duration.ofSeconds(5));
    long transactional = f.queued(f.send("c-p", Channel.PUSH, MessageCategory.TRANSACTIONAL, "repay", "t"));
    dispatcher.dispatchDue();
    assertThat(f.status(transactional)).isEqualTo("QUEUED");
    assertThat(f.status(marketing)).isEqualTo("DEFERRED:outranked-by:" + transactional);
    assertThat(f.plannedAt(marketing)).as("deferred until the cap frees up")
        .isEqualTo(clock.instant().plus(Duration.ofDays(1)));
    assertThat(f.deliveries()).extracting(m -> m.messageId()).containsExactly(transactional);
    assertThat(jdbc.sql("""
            select reason from reach_message_history where message_id = :id and status = 'DEFERRED'""")
        .param("id", marketing).query(String.class).single()).isEqualTo("outranked-by:" + transactional);
  }

  @Test
  void aMessageThatWouldOutliveItsExpiryIsDroppedWithTheReason() {
    f.customer("c-e");
    f.queued(f.send("c-e", Channel.PUSH, MessageCategory.TRANSACTIONAL, "repay", "t"));
    long offer = f.queued(f.send("c-e", Channel.PUSH, MessageCategory.MARKETING, "offer", "m",
        clock.instant().plus(Duration.ofHours(3))));
    long late = f.queued(f.send("c-e", Channel.SMS, MessageCategory.MARKETING, "offer", "late",
        clock.instant().plus(Duration.ofMinutes(10))));
    clock.advance(Duration.ofMinutes(11));
    dispatcher.dispatchDue();
    assertThat(f.status(offer)).startsWith("DROPPED:outranked-by:");
    assertThat(f.status(late)).isEqualTo("DROPPED:expired");
  }
}
