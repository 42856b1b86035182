package dev.flywheel.community.sop;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * Schedules the {@value #TASK} instance {@code sop-slot-<id>} inside the caller's transaction: the
 * task exists if and only if the slot commits, and a slot is never scheduled twice.
 */
public final class SlotSchedule {
  public static final String TASK = "community-sop-slot";
  private final SchedulerClient client;
  private final OneTimeTask<Long> task;

  SlotSchedule(DataSource dataSource, OneTimeTask<Long> task) {
    this.client = SchedulerClient.Builder.create(new TransactionAwareDataSourceProxy(dataSource), task).build();
    this.task = task;
  }

  public static String instanceId(long slotId) {
    return "sop-slot-" + slotId;
  }

  public void fireAt(long slotId, Instant when) {
    client.scheduleIfNotExists(task.instance(instanceId(slotId), slotId), when);
  }
}
