package dev.flywheel.event.store;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;

/**
 * The daily durable job that creates the current month's event partition and the next
 * {@code ahead} months, so ingestion seldom has to. Idempotent; db-scheduler runs its single
 * recurring instance on one node at a time.
 */
final class PartitionUpkeepTask {
  static final String NAME = "event-partition-upkeep";
  private final Partitions partitions;
  private final Clock clock;
  private final int ahead;

  PartitionUpkeepTask(Partitions partitions, Clock clock, int ahead) {
    this.partitions = partitions;
    this.clock = clock;
    this.ahead = ahead;
  }

  /** The work itself, callable directly (tests move the clock instead of waiting a day). */
  List<YearMonth> run() {
    return partitions.ensureAhead(clock.instant(), ahead);
  }

  RecurringTask<Void> recurring() {
    return Tasks.recurring(NAME, FixedDelay.of(Duration.ofDays(1))).execute((instance, context) -> run());
  }
}
