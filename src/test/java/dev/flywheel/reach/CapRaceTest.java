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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Many dispatchers at once, many messages for the same customers: the caps still hold. */
@RunningFlywheel
class CapRaceTest {
  private static final int THREADS = 8;
  @Autowired TestTenants tenants;
  @Autowired Customers customers;
  @Autowired EventIngestion events;
  @Autowired MessageTemplates templates;
  @Autowired Reach reach;
  @Autowired Dispatcher dispatcher;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired ContactPolicies policies;

  @Test
  void concurrentDispatchersNeverExceedACap() throws Exception {
    ReachFixture f = new ReachFixture(tenants.create().id(), customers, events, templates, reach, dispatcher, clock,
        jdbc);
    f.at(LocalTime.of(11, 0));
    policies.update(f.tenantId(), Map.of("min_interval_minutes", 0), "test");
    f.template("offer", Channel.SMS, "Offer");
    f.template("offer", Channel.PUSH, "Offer");
    f.template("offer", Channel.EMAIL, "Offer");
    List<String> people = List.of("r-1", "r-2", "r-3");
    people.forEach(f::customer);
    for (int round = 0; round < 3; round++) {
      race(f, people, round);
      dispatcher.dispatchDue();
      clock.advance(Duration.ofHours(25));
    }
    for (String p : people) {
      Map<String, Object> touches = jdbc.sql("""
              select count(*) filter (where channel = 'SMS') as sms, count(*) filter (where channel = 'PUSH') as push,
                     count(*) as total
              from reach_touches where tenant_id = :t and customer_id = :c""")
          .param("t", f.tenantId()).param("c", p).query().singleRow();
      assertThat(((Number) touches.get("total")).intValue()).as(p + " total per week").isEqualTo(4);
      assertThat(((Number) touches.get("sms")).intValue()).as(p + " SMS per week").isLessThanOrEqualTo(2);
      assertThat(((Number) touches.get("push")).intValue()).as(p + " push, one per day").isLessThanOrEqualTo(3);
      assertThat(f.deliveries().stream().filter(m -> m.customerId().equals(p))).hasSize(4);
    }
    assertThat(jdbc.sql("""
            select count(*) from reach_messages where tenant_id = :t and status = 'QUEUED'""")
        .param("t", f.tenantId()).query(Long.class).single()).isEqualTo(12);
  }

  /**
   * Every thread sends new messages to the same three customers and dispatches right away, so
   * dispatchers work on one customer's messages at the same time.
   */
  private void race(ReachFixture f, List<String> people, int round) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Integer>> runs = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        runs.add(pool.submit(() -> {
          start.await();
          int handed = 0;
          long me = Thread.currentThread().threadId();
          for (int i = 0; i < 10; i++) {
            Channel channel = List.of(Channel.SMS, Channel.PUSH, Channel.EMAIL).get((int) ((me + i) % 3));
            f.send(people.get(i % 3), channel, MessageCategory.MARKETING, "offer", round + "/" + me + "/" + i);
            handed += dispatcher.dispatchDue(1 + i % 3);
          }
          return handed;
        }));
      }
      start.countDown();
      for (Future<Integer> run : runs) {
        run.get();
      }
    } finally {
      pool.shutdown();
    }
  }
}
