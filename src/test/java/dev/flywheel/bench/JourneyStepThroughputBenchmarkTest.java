package dev.flywheel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.journey.JourneyDefinition;
import dev.flywheel.journey.JourneyResult;
import dev.flywheel.journey.JourneyStep;
import dev.flywheel.journey.JourneyTrigger;
import dev.flywheel.journey.Journeys;
import dev.flywheel.journey.ReEntry;
import dev.flywheel.journey.run.Engine;
import dev.flywheel.journey.run.Resumes;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Journey step throughput on db-scheduler at 1 and 2 scheduler threads, against db-scheduler's own
 * rate for a no-op one-time task in the same run (rounds interleaved: no-op, journey, journey,
 * no-op). The journey has five steps (four tags and an exit), each its own task instance and
 * transaction: lock the run, log the step, tag the customer, move the run, schedule the next
 * instance. The no-op baseline has all its instances scheduled up front; the journey's are
 * scheduled one step at a time, as journeys run. Bounded sizes in the ordinary build; with
 * {@code -Dflywheel.bench.full=true} (the {@code bench} profile) 1,000 runs (5,000 steps) per round.
 */
@RunningFlywheel
class JourneyStepThroughputBenchmarkTest {
  private static final int STEPS = 5;
  @Autowired TestTenants tenants;
  @Autowired Journeys journeys;
  @Autowired EventIngestion events;
  @Autowired Engine engine;
  @Autowired DataSource dataSource;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;

  private static int runs() {
    return BenchSettings.integer("journeys.runs", BenchSettings.full() ? 1_000 : 40);
  }

  @Test
  void journeyStepsAgainstNoOpTasks() throws Exception {
    BenchReport report = new BenchReport("Journey steps on db-scheduler vs db-scheduler no-op tasks");
    report.line("%d runs × %d steps per journey round; %d no-op task instances per baseline round.", runs(), STEPS,
        runs() * STEPS).line("");
    report.header("scheduler threads", "no-op tasks/s", "journey steps/s", "ratio (journey / no-op)");
    drain();
    for (int threads : new int[] {1, 2}) {
      double noOpA = noOps(threads);
      double journeyA = journey(threads);
      double journeyB = journey(threads);
      double noOpB = noOps(threads);
      double noOp = (noOpA + noOpB) / 2;
      double steps = (journeyA + journeyB) / 2;
      report.row(threads, BenchReport.rate(noOp), BenchReport.rate(steps), BenchReport.ratio(steps / noOp));
    }
    report.publish("journeys");
  }

  /** One journey round: enters {@link #runs()} customers, then times a fresh scheduler until every run is done. */
  private double journey(int threads) throws Exception {
    TestTenants.TestTenant tenant = tenants.create();
    JourneyResult created = journeys.create(tenant.id(), new JourneyDefinition("Bench", null,
        JourneyTrigger.event("app_login", null), null, ReEntry.AFTER_EXIT, List.of(
            JourneyStep.tag("a", "a"), JourneyStep.tag("b", "b"), JourneyStep.tag("c", "c"),
            JourneyStep.tag("d", "d"), JourneyStep.exit("end", "done")), List.of(), List.of()), "bench");
    long id = ((JourneyResult.Done) created).journey().id();
    journeys.publish(tenant.id(), id, "bench");
    List<IncomingEvent> logins = new ArrayList<>();
    for (int i = 0; i < runs(); i++) {
      logins.add(IncomingEvent.of(UUID.randomUUID().toString(), "b" + i, "app_login", clock.instant(), Map.of()));
    }
    for (int from = 0; from < logins.size(); from += 500) {
      events.ingestBatch(tenant.id(), logins.subList(from, Math.min(logins.size(), from + 500)));
    }
    LongSupplier done = () -> jdbc.sql("select count(*) from journey_runs where tenant_id = :t and status = 'DONE'")
        .param("t", tenant.id()).query(Long.class).single();
    double seconds = timed(List.of(stepTask()), threads, () -> done.getAsLong() == runs());
    long logged = jdbc.sql("select count(*) from journey_steps where tenant_id = :t").param("t", tenant.id())
        .query(Long.class).single();
    assertThat(logged).as("every step exactly once").isEqualTo((long) runs() * STEPS);
    return runs() * STEPS / seconds;
  }

  private double noOps(int threads) throws Exception {
    AtomicLong executed = new AtomicLong();
    String name = "bench-noop-" + UUID.randomUUID();
    OneTimeTask<Void> noOp = Tasks.oneTime(name, Void.class).execute((i, c) -> executed.incrementAndGet());
    SchedulerClient client = SchedulerClient.Builder.create(dataSource, noOp).build();
    List<TaskInstance<?>> instances = new ArrayList<>();
    for (int i = 0; i < runs() * STEPS; i++) {
      instances.add(noOp.instance("n" + i));
    }
    client.scheduleBatch(instances, clock.instant());
    double seconds = timed(List.of(noOp), threads, () -> executed.get() == (long) runs() * STEPS);
    return runs() * STEPS / seconds;
  }

  private OneTimeTask<Long> stepTask() {
    return Tasks.oneTime(Resumes.TASK, Long.class).execute((instance, ctx) -> {
      long[] id = Resumes.parse(instance.getId());
      engine.advance(id[0], (int) id[1]);
    });
  }

  /** Seconds from starting a scheduler (clocked from the app's clock) until {@code finished}. */
  private double timed(List<Task<?>> tasks, int threads, java.util.function.BooleanSupplier finished)
      throws InterruptedException {
    // the movable clock plus real time elapsed: db-scheduler's polling misbehaves on a clock that stands still
    long origin = System.nanoTime();
    Scheduler scheduler = Scheduler.create(dataSource, tasks)
        .clock(() -> clock.instant().plusNanos(System.nanoTime() - origin)).threads(threads)
        .pollingInterval(Duration.ofMillis(20))
        .failureLogging(LogLevel.WARN, true).build();
    long start = System.nanoTime();
    scheduler.start();
    try {
      long deadline = start + Duration.ofMinutes(3).toNanos();
      while (!finished.getAsBoolean()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the round did not finish");
        }
        Thread.sleep(5);
      }
      return (System.nanoTime() - start) / 1e9;
    } finally {
      scheduler.stop();
    }
  }

  /** Runs journey steps other tests left due, so that they do not count in a measured round. */
  private void drain() throws InterruptedException {
    LongSupplier due = () -> jdbc.sql("""
            select count(*) from scheduled_tasks where task_name = :n and execution_time <= :now and not picked""")
        .param("n", Resumes.TASK).param("now", java.sql.Timestamp.from(clock.instant())).query(Long.class).single();
    if (due.getAsLong() > 0) {
      timed(List.of(stepTask()), 2, () -> due.getAsLong() == 0);
    }
  }
}
