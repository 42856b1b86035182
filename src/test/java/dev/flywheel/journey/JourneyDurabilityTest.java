package dev.flywheel.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.flywheel.journey.run.Engine;
import dev.flywheel.journey.run.Resumes;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.RunningFlywheel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Journeys survive restarts and racing nodes: real db-scheduler instances on the test database
 * (clocked by the movable clock) run the journey-step task; the first node "crashes" after every
 * committed step (the task fails after the step's transaction, so db-scheduler runs it again) and
 * is then stopped mid-journey; two fresh nodes and the sweep finish the journeys together. Every
 * step still runs exactly once.
 */
@RunningFlywheel
class JourneyDurabilityTest {
  private static final int CUSTOMERS = 24;
  @Autowired Journeys journeys;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired dev.flywheel.reach.Reach reach;
  @Autowired DataSource dataSource;
  @Autowired Engine engine;
  @Autowired org.springframework.context.ApplicationContext context;
  JourneyWorld world;
  final List<Scheduler> nodes = new ArrayList<>();
  final AtomicInteger executions = new AtomicInteger();
  final AtomicInteger stepsRun = new AtomicInteger();
  final AtomicInteger failures = new AtomicInteger();
  /** This test's runs: other tests' leftover runs may be advanced by these nodes too. */
  final Set<Long> ours = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void setUp() {
    world = JourneyWorld.from(context);
  }

  @AfterEach
  void stopNodes() {
    nodes.forEach(Scheduler::stop);
  }

  /** A node running the journey-step task; {@code crashAfterCommit}: fails once per instance after the step. */
  private Scheduler node(boolean crashAfterCommit) {
    Set<String> crashed = ConcurrentHashMap.newKeySet();
    OneTimeTask<Long> task = Tasks.oneTime(Resumes.TASK, Long.class)
        .onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ZERO))
        .execute((instance, ctx) -> {
          executions.incrementAndGet();
          long[] id = Resumes.parse(instance.getId());
          boolean ran;
          try {
            ran = engine.advance(id[0], (int) id[1]);
          } catch (RuntimeException e) {
            failures.incrementAndGet();
            throw e;
          }
          if (ran && ours.contains(id[0])) {
            stepsRun.incrementAndGet();
          }
          if (crashAfterCommit && crashed.add(instance.getId())) {
            throw new IllegalStateException("node died after committing " + instance.getId());
          }
        });
    long origin = System.nanoTime();
    Scheduler scheduler = Scheduler.create(dataSource, List.of(task))
        // the movable clock plus real time elapsed: db-scheduler's polling misbehaves on a clock that stands still
        .clock(() -> clock.instant().plusNanos(System.nanoTime() - origin))
        .threads(2)
        .pollingInterval(Duration.ofMillis(50))
        .failureLogging(LogLevel.DEBUG, false)
        .build();
    nodes.add(scheduler);
    scheduler.start();
    return scheduler;
  }

  private long runsAt(long journey, String condition) {
    return jdbc.sql("select count(*) from journey_runs where tenant_id = :t and journey_id = :j and " + condition)
        .param("t", world.id()).param("j", journey).query(Long.class).single();
  }

  private static void await(String what, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  @Test
  void aRestartMidJourneyLosesNoStepAndRunsNoneTwice() throws Exception {
    long journey = world.publish(new JourneyDefinition("Durable", null, JourneyTrigger.event("app_login", null), null,
        ReEntry.AFTER_EXIT, List.of(
            JourneyStep.tag("first", "d-first"),
            JourneyStep.waitFor("hour", "PT1H"),
            JourneyStep.tag("second", "d-second"),
            JourneyStep.tag("third", "d-third")), List.of(), List.of()));
    for (int i = 0; i < CUSTOMERS; i++) {
      world.event("d" + i, "app_login");
    }

    ours.addAll(jdbc.sql("select id from journey_runs where tenant_id = :t").param("t", world.id())
        .query(Long.class).list());
    Scheduler crashing = node(true);
    await("every run waiting out the hour", () -> runsAt(journey, "step_key = 'second'") == CUSTOMERS);
    crashing.stop();
    assertThat(stepsRun.get()).as("first + wait, per customer").isEqualTo(2 * CUSTOMERS);
    assertThat(executions.get()).as("crashed executions ran again").isGreaterThan(3 * CUSTOMERS);

    clock.advance(Duration.ofHours(1));
    node(false);
    node(false);
    for (int i = 0; i < 3; i++) {
      journeys.runDue();
    }
    await("every run done", () -> runsAt(journey, "status = 'DONE'") == CUSTOMERS);

    assertThat(failures.get()).as("no step ever failed (a second execution would break the log's key)").isZero();
    long logged = jdbc.sql("select count(*) from journey_steps where tenant_id = :t").param("t", world.id())
        .query(Long.class).single();
    assertThat(logged).as("4 steps per customer, each once").isEqualTo(4L * CUSTOMERS);
    assertThat(stepsRun.get()).as("the nodes ran at most every step (the sweep ran the others)")
        .isLessThanOrEqualTo(4 * CUSTOMERS);
    for (int i = 0; i < CUSTOMERS; i++) {
      assertThat(world.steps(journey, "d" + i))
          .containsExactly("first:tagged", "hour:waiting", "second:tagged", "third:tagged");
      assertThat(world.tags("d" + i)).containsExactly("d-first", "d-second", "d-third");
    }
    assertThat(journeys.report(world.id(), journey).exitsByReason()).isEqualTo(Map.of("completed", (long) CUSTOMERS));
  }

  @Test
  void aStepRolledBackLeavesNoTaskBehindAndTheTaskIdIsDeterministic() {
    long journey = world.publish(new JourneyDefinition("Ids", null, JourneyTrigger.event("app_login", null), null,
        ReEntry.AFTER_EXIT, List.of(JourneyStep.waitFor("w", "PT5M"), JourneyStep.tag("t", "x")), List.of(),
        List.of()));
    world.event("ids-1", "app_login");
    long runId = jdbc.sql("select id from journey_runs where tenant_id = :t and journey_id = :j")
        .param("t", world.id()).param("j", journey).query(Long.class).single();
    assertThat(scheduled(runId)).containsExactly("journey-run-" + runId + "-step-0");
    world.runDue();
    assertThat(scheduled(runId)).contains("journey-run-" + runId + "-step-1");
  }

  private List<String> scheduled(long runId) {
    return jdbc.sql("select task_instance from scheduled_tasks where task_name = :n and task_instance like :p order by 1")
        .param("n", Resumes.TASK).param("p", "journey-run-" + runId + "-step-%").query(String.class).list();
  }
}
