package dev.flywheel.community.game;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * Schedules the {@value #TASK} task instance {@code round-<id>} inside the caller's transaction:
 * the close exists if and only if the round's opening commits, and survives restarts.
 */
public final class CloseSchedule {
  public static final String TASK = "community-game-close";
  private final SchedulerClient client;
  private final OneTimeTask<Long> task;

  CloseSchedule(DataSource dataSource, OneTimeTask<Long> task) {
    this.client = SchedulerClient.Builder.create(new TransactionAwareDataSourceProxy(dataSource), task).build();
    this.task = task;
  }

  public static String instanceId(long roundId) {
    return "round-" + roundId;
  }

  void closeAt(long roundId, Instant when) {
    client.scheduleIfNotExists(task.instance(instanceId(roundId), roundId), when);
  }
}
