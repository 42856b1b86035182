package dev.flywheel.community.chat;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * Schedules the {@value #TASK} task instance {@code post-<id>} inside the caller's transaction,
 * so the hand-over exists if and only if the post commits.
 */
public final class PostSchedule {
  public static final String TASK = "community-post";
  private final SchedulerClient client;
  private final CustomTask<Long> task;

  PostSchedule(DataSource dataSource, CustomTask<Long> task) {
    this.client = SchedulerClient.Builder.create(new TransactionAwareDataSourceProxy(dataSource), task).build();
    this.task = task;
  }

  public void deliverAt(long postId, Instant when) {
    client.scheduleIfNotExists(task.instance("post-" + postId, postId), when);
  }
}
