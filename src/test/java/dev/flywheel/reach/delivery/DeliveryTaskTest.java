package dev.flywheel.reach.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.testhelper.ManualScheduler;
import com.github.kagkarlsson.scheduler.testhelper.SettableClock;
import com.github.kagkarlsson.scheduler.testhelper.TestHelper;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.reach.Channel;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The real db-scheduler task {@code deliver-<id>}, run by db-scheduler's manual scheduler on the
 * test clock: rescheduled to the backoff time after an outage, removed once sent, and a task that
 * comes back after a restart sends nothing again.
 */
@RunningFlywheel
class DeliveryTaskTest {
  private static final String SECRET = "task-test-secret-0123456789";
  @Autowired TestTenants tenants;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate tx;
  @Autowired Delivery delivery;
  @Autowired DataSource dataSource;
  @Autowired CustomTask<Long> reachDeliverTask;
  @Autowired MovableClock clock;
  @LocalServerPort int port;

  @Test
  void theTaskRetriesAtTheBackoffTimeSendsOnceAndARevivedTaskSendsNothing() throws Exception {
    var fixture = new DeliveryFixture(jdbc, tx, delivery, clock);
    var tenant = tenants.create();
    try (ProviderServer server = new ProviderServer(SECRET).answering(503)) {
      new ApiClient(port, tenant.apiKey()).put("/api/v1/reach/providers/push",
          Map.of("name", "pusher", "url", server.url(), "secret", SECRET));
      ManualScheduler scheduler = TestHelper.createManualScheduler(dataSource, List.of(reachDeliverTask))
          .clock(new SettableClock()).build();
      long id = fixture.queue(tenant.id(), "C-1", Channel.PUSH, "push-token-1", "Hi", "Your coupon");

      runDue(scheduler);
      assertThat(server.requests()).hasSize(1);
      assertThat(executionTime(id)).isEqualTo(clock.instant().plusSeconds(30));
      runDue(scheduler);
      assertThat(server.requests()).as("not again before the backoff").hasSize(1);

      clock.advance(Duration.ofSeconds(30));
      runDue(scheduler);
      assertThat(server.requests()).hasSize(2);
      assertThat(server.successes()).isEqualTo(1);
      assertThat(fixture.status(id)).isEqualTo("SENT");
      assertThat(fixture.scheduledTasks(id)).as("done tasks are removed").isZero();

      // after a crash the same task instance may come back: it finds the message sent
      SchedulerClient client = SchedulerClient.Builder.create(dataSource, reachDeliverTask).build();
      client.schedule(reachDeliverTask.instance("deliver-" + id, id), clock.instant());
      runDue(scheduler);
      assertThat(server.requests()).hasSize(2);
      assertThat(fixture.scheduledTasks(id)).isZero();
      assertThat(fixture.history(id)).containsExactly("SENT");
    }
  }

  /** Runs due executions until none is left: other tests' hand-overs left tasks in the shared database. */
  private void runDue(ManualScheduler scheduler) {
    scheduler.setTime(clock.instant());
    for (int round = 0; round < 100 && dueTasks() > 0; round++) {
      scheduler.runAnyDueExecutions();
    }
    assertThat(dueTasks()).isZero();
  }

  private long dueTasks() {
    return jdbc.sql("select count(*) from scheduled_tasks"
            + " where task_name = 'reach-deliver' and execution_time <= :now and not picked")
        .param("now", Timestamp.from(clock.instant())).query(Long.class).single();
  }

  private java.time.Instant executionTime(long id) {
    return jdbc.sql("""
            select execution_time from scheduled_tasks where task_name = 'reach-deliver' and task_instance = :i""")
        .param("i", "deliver-" + id).query(Timestamp.class).single().toInstant();
  }
}
