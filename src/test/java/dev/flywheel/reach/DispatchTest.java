package dev.flywheel.reach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.customer.Customers;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.reach.delivery.OutgoingMessage;
import dev.flywheel.reach.plan.Dispatcher;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** From {@code Reach.send} to {@code Delivery.handOver}: planning, dispatch, rendering, dedupe. */
@RunningFlywheel
@Import(HandOverLog.class)
class DispatchTest {
  @Autowired TestTenants tenants;
  @Autowired Customers customers;
  @Autowired EventIngestion events;
  @Autowired MessageTemplates templates;
  @Autowired Reach reach;
  @Autowired Dispatcher dispatcher;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired HandOverLog.Recorded delivery;
  ReachFixture f;

  @BeforeEach
  void tenant() {
    f = new ReachFixture(tenants.create().id(), customers, events, templates, reach, dispatcher, clock, jdbc);
    f.at(LocalTime.of(11, 0));
  }

  @Test
  void aDueMessageIsRenderedAndHandedOverOnce() {
    f.customer("c-1");
    f.template("welcome", Channel.SMS, "Hi ${customer.name} from ${customer.city}, code ${value.coupon_code}");
    SendOutcome outcome = f.send("c-1", Channel.SMS, MessageCategory.SERVICE, "welcome", "d-1");
    assertThat(outcome).isInstanceOf(SendOutcome.Queued.class);
    long id = f.queued(outcome);
    assertThat(f.status(id)).isEqualTo("PLANNED");

    dispatcher.dispatchDue();
    dispatcher.dispatchDue();

    List<OutgoingMessage> sent = delivery.of(f.tenantId());
    assertThat(sent).hasSize(1);
    OutgoingMessage m = sent.getFirst();
    assertThat(m.messageId()).isEqualTo(id);
    assertThat(m.recipient()).isEqualTo("13812345678");
    assertThat(m.body()).isEqualTo("Hi Wang Fang from Hangzhou, code C-1 " + ContactPolicy.DEFAULT_OPT_OUT_TEXT);
    assertThat(m.variant()).isEqualTo("v1");
    assertThat(f.status(id)).isEqualTo("QUEUED");
    assertThat(jdbc.sql("select count(*) from reach_deliveries where message_id = :id").param("id", id)
        .query(Long.class).single()).isEqualTo(1);
    assertThat(jdbc.sql("select string_agg(status, ',' order by id) from reach_message_history where message_id = :id")
        .param("id", id).query(String.class).single()).isEqualTo("PLANNED,QUEUED");
  }

  @Test
  void aReplayedDedupeKeyReturnsTheFirstMessage() {
    f.customer("c-2");
    f.template("welcome", Channel.PUSH, "Hello ${customer.name}");
    SendOutcome first = f.send("c-2", Channel.PUSH, MessageCategory.SERVICE, "welcome", "same-key");
    SendOutcome again = f.send("c-2", Channel.PUSH, MessageCategory.SERVICE, "welcome", "same-key");
    assertThat(((SendOutcome.Queued) again).replay()).isTrue();
    assertThat(f.queued(again)).isEqualTo(f.queued(first));
    dispatcher.dispatchDue();
    assertThat(f.send("c-2", Channel.PUSH, MessageCategory.SERVICE, "welcome", "same-key"))
        .isEqualTo(new SendOutcome.Queued(f.queued(first), ((SendOutcome.Queued) first).plannedAt(), "v1", true));
    dispatcher.dispatchDue();
    assertThat(delivery.of(f.tenantId())).hasSize(1);
    assertThat(reach.status(f.tenantId(), f.queued(first))).contains(MessageStatus.QUEUED);
  }

  @Test
  void aFailedHandOverRollsTheDecisionBackAndTheNextRoundSendsOnce() {
    f.customer("c-3");
    f.template("welcome", Channel.PUSH, "Hello ${customer.name}");
    long id = f.queued(f.send("c-3", Channel.PUSH, MessageCategory.SERVICE, "welcome", "k-3"));
    delivery.failNextOf(f.tenantId(), "c-3", 1);
    f.customer("c-5");
    long other = f.queued(f.send("c-5", Channel.PUSH, MessageCategory.SERVICE, "welcome", "k-5"));
    // a batch large enough for whatever other tests left due in the shared database
    dispatcher.dispatchDue(100_000);
    assertThat(f.status(other)).as("another customer's messages still go").isEqualTo("QUEUED");
    assertThat(f.status(id)).isEqualTo("PLANNED");
    assertThat(jdbc.sql("select count(*) from reach_touches where message_id = :id").param("id", id)
        .query(Long.class).single()).isZero();
    dispatcher.dispatchDue(100_000);
    dispatcher.dispatchDue(100_000);
    assertThat(delivery.of(f.tenantId())).extracting(OutgoingMessage::messageId).containsExactlyInAnyOrder(id, other);
    assertThat(f.status(id)).isEqualTo("QUEUED");
  }

  @Test
  void concurrentSendsWithOneDedupeKeyPlanOneMessage() throws Exception {
    f.customer("c-4");
    f.template("welcome", Channel.PUSH, "Hello");
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
    try {
      List<java.util.concurrent.Future<SendOutcome>> sends = new java.util.ArrayList<>();
      for (int i = 0; i < 6; i++) {
        sends.add(pool.submit(() -> {
          start.await();
          return f.send("c-4", Channel.PUSH, MessageCategory.SERVICE, "welcome", "same");
        }));
      }
      start.countDown();
      java.util.Set<Long> ids = new java.util.HashSet<>();
      int fresh = 0;
      for (var s : sends) {
        SendOutcome.Queued q = (SendOutcome.Queued) s.get();
        ids.add(q.messageId());
        fresh += q.replay() ? 0 : 1;
      }
      assertThat(ids).hasSize(1);
      assertThat(fresh).isEqualTo(1);
    } finally {
      pool.shutdown();
    }
  }
}
