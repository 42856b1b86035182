package dev.flywheel.reach.delivery.send;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * Schedules the {@code reach-deliver} task instance {@code deliver-<messageId>} inside the
 * caller's transaction: the client writes {@code scheduled_tasks} through a transaction-aware
 * data source, so the task exists if and only if the hand-over commits. Not a
 * {@link SchedulerClient} bean on purpose (the platform's scheduler is the one such bean).
 */
public final class DeliverySchedule {
  public static final String TASK = "reach-deliver";
  private final SchedulerClient client;
  private final CustomTask<Long> task;

  DeliverySchedule(DataSource dataSource, CustomTask<Long> task) {
    this.client = SchedulerClient.Builder.create(new TransactionAwareDataSourceProxy(dataSource), task).build();
    this.task = task;
  }

  public static String instanceId(long messageId) {
    return "deliver-" + messageId;
  }

  /** @return false when the instance already existed (a repeated hand-over) */
  boolean deliverAt(long messageId, Instant when) {
    return client.scheduleIfNotExists(task.instance(instanceId(messageId), messageId), when);
  }
}
