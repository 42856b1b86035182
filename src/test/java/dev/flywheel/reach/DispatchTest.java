package dev.flywheel.reach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.customer.Customers;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.reach.plan.Dispatcher;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * From {@code Reach.send} to the real {@code Delivery}: planning, dispatch, rendering, dedupe, and
 * what a failing hand-over does; asserts on the {@code reach_deliveries} rows delivery recorded.
 */
@RunningFlywheel
class DispatchTest {
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
  void aDueMessageIsRenderedAndHandedOverOnce() {
    f.customer("c-1");
    f.template("welcome", Channel.SMS, "Hi ${customer.name} from ${customer.city}, code ${value.coupon_code}");
    SendOutcome outcome = f.send("c-1", Channel.SMS, MessageCategory.SERVICE, "welcome", "d-1");
    assertThat(outcome).isInstanceOf(SendOutcome.Queued.class);
    long id = f.queued(outcome);
    assertThat(f.status(id)).isEqualTo("PLANNED");

    dispatcher.dispatchDue();
    dispatcher.dispatchDue();

    List<ReachFixture.Handed> sent = f.deliveries();
    assertThat(sent).hasSize(1);
    ReachFixture.Handed m = sent.getFirst();
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
    assertThat(f.deliveries()).hasSize(1);
    assertThat(reach.status(f.tenantId(), f.queued(first))).contains(MessageStatus.QUEUED);
  }

  @Test
  void aFailedHandOverRollsTheDecisionBackBacksOffAndALaterRoundSendsOnce() {
    f.customer("c-3");
    f.template("welcome", Channel.PUSH, "Hello ${customer.name}");
    long id = f.queued(f.send("c-3", Channel.PUSH, MessageCategory.SERVICE, "welcome", "k-3"));
    f.customer("c-5");
    long other = f.queued(f.send("c-5", Channel.PUSH, MessageCategory.SERVICE, "welcome", "k-5"));
    try (DeliveryFault fault = new DeliveryFault(jdbc, id)) {
      // a batch large enough for whatever other tests left due in the shared database
      dispatcher.dispatchDue(100_000);
      assertThat(f.status(other)).as("another customer's messages still go").isEqualTo("QUEUED");
      assertThat(f.status(id)).isEqualTo("DEFERRED:dispatch-failed");
      assertThat(f.plannedAt(id)).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
      assertThat(jdbc.sql("select count(*) from reach_touches where message_id = :id").param("id", id)
          .query(Long.class).single()).isZero();
    }
    dispatcher.dispatchDue(100_000);
    assertThat(f.status(id)).as("not retried before its back-off ends").isEqualTo("DEFERRED:dispatch-failed");
    clock.advance(Duration.ofMinutes(1));
    dispatcher.dispatchDue(100_000);
    dispatcher.dispatchDue(100_000);
    assertThat(f.deliveries()).extracting(ReachFixture.Handed::messageId).containsExactlyInAnyOrder(id, other);
    assertThat(f.status(id)).isEqualTo("QUEUED");
  }

  @Test
  void aCustomerWhoseHandOverKeepsFailingIsNotRetriedEveryRoundAndIsDroppedInTheEnd() {
    f.customer("c-6");
    f.template("welcome", Channel.PUSH, "Hello ${customer.name}");
    long id = f.queued(f.send("c-6", Channel.PUSH, MessageCategory.SERVICE, "welcome", "k-6"));
    try (DeliveryFault fault = new DeliveryFault(jdbc, id)) {
      for (int failure = 1; failure < 8; failure++) {
        dispatcher.dispatchDue(100_000);
        dispatcher.dispatchDue(100_000);
        assertThat(failures(id)).as("one failure per back-off, however many rounds run").isEqualTo(failure);
        assertThat(f.status(id)).isEqualTo("DEFERRED:dispatch-failed");
        Duration backOff = Duration.ofMinutes(Math.min(60, 1L << (failure - 1)));
        assertThat(f.plannedAt(id)).isEqualTo(clock.instant().plus(backOff));
        clock.advance(backOff);
      }
      dispatcher.dispatchDue(100_000);
      assertThat(failures(id)).isEqualTo(8);
      assertThat(f.status(id)).isEqualTo("DROPPED:dispatch-failed");
    }
    assertThat(f.deliveries()).isEmpty();
  }

  private long failures(long id) {
    return jdbc.sql("select dispatch_failures from reach_messages where id = :id").param("id", id)
        .query(Long.class).single();
  }

  /**
   * A real fault in delivery's write: a trigger on {@code reach_deliveries} that rejects the row of
   * one message, as a failing database write would; removed on close.
   */
  static final class DeliveryFault implements AutoCloseable {
    private final JdbcClient jdbc;
    private final String name;

    DeliveryFault(JdbcClient jdbc, long messageId) {
      this.jdbc = jdbc;
      this.name = "test_fail_delivery_" + messageId;
      jdbc.sql("create function " + name + "() returns trigger language plpgsql as $$ begin "
          + "if new.message_id = " + messageId + " then raise exception 'delivery unavailable'; end if; "
          + "return new; end $$").update();
      jdbc.sql("create trigger " + name + " before insert on reach_deliveries for each row execute function "
          + name + "()").update();
    }

    @Override
    public void close() {
      jdbc.sql("drop trigger " + name + " on reach_deliveries").update();
      jdbc.sql("drop function " + name + "()").update();
    }
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
