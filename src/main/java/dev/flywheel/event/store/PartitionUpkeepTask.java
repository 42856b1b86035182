package dev.flywheel.event.store;

import com.github.kagkarlsson.scheduler.task.AbstractTask;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.CompletionHandler.OnCompleteReschedule;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler.ReviveDeadExecution;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.FailureHandler.OnFailureReschedule;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.time.YearMonth;

/**
 * A daily durable job: creates the current month's partition and the next {@code ahead} months,
 * so ingestion seldom has to. Idempotent; one deterministic instance ({@link #INSTANCE}).
 *
 * <p>Why not {@code Tasks.recurring}: the platform's {@code JobsConfiguration} hands
 * {@code OnStartup} tasks (recurring and custom ones) to db-scheduler both as known tasks and as
 * start tasks, and db-scheduler's {@code startTasks} adds them to the known tasks again, so the
 * scheduler fails at start-up with "Duplicate key". This task is not {@code OnStartup}; it
 * reschedules itself and is scheduled once by {@link PartitionUpkeep}.
 */
final class PartitionUpkeepTask extends AbstractTask<Void> {
  static final String NAME = "event-partition-upkeep";
  static final String INSTANCE = "daily";
  private static final FixedDelay DAILY = FixedDelay.of(Duration.ofDays(1));
  private final Partitions partitions;
  private final Clock clock;
  private final int ahead;

  PartitionUpkeepTask(Partitions partitions, Clock clock, int ahead) {
    super(NAME, Void.class, new OnFailureReschedule<>(FixedDelay.of(Duration.ofHours(1))), new ReviveDeadExecution<>());
    this.partitions = partitions;
    this.clock = clock;
    this.ahead = ahead;
  }

  /** The work itself, callable directly (tests move the clock instead of waiting a day). */
  List<YearMonth> run() {
    return partitions.ensureAhead(clock.instant(), ahead);
  }

  @Override
  public CompletionHandler<Void> execute(TaskInstance<Void> instance, ExecutionContext context) {
    run();
    return new OnCompleteReschedule<>(DAILY);
  }

  @Override
  public SchedulableInstance<Void> schedulableInstance(String id) {
    return SchedulableInstance.of(instance(id), clock.instant());
  }

  @Override
  public SchedulableInstance<Void> schedulableInstance(String id, Void data) {
    return schedulableInstance(id);
  }
}
