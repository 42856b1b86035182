package dev.flywheel.journey.run;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Clock;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Schedules a run's next step as the db-scheduler task instance
 * {@code journey-run-<runId>-step-<seq>} (task data: the tenant id) <em>inside the caller's
 * transaction</em>: the client writes through a transaction-aware data source, so the task row
 * commits or rolls back with the step that scheduled it. A step due now also wakes the local
 * scheduler after commit instead of waiting for its next poll.
 */
@Component
public class Resumes {
  public static final String TASK = "journey-step";
  static final OneTimeTask<Long> DESCRIPTOR = Tasks.oneTime(TASK, Long.class).execute((i, c) -> { });
  private final SchedulerClient client;
  private final ObjectProvider<Scheduler> scheduler;
  private final Clock clock;

  Resumes(DataSource dataSource, ObjectProvider<Scheduler> scheduler, Clock clock) {
    this.client = SchedulerClient.Builder.create(new TransactionAwareDataSourceProxy(dataSource), DESCRIPTOR).build();
    this.scheduler = scheduler;
    this.clock = clock;
  }

  public static String instanceId(long runId, int seq) {
    return "journey-run-" + runId + "-step-" + seq;
  }

  /** {@code journey-run-42-step-3} → {42, 3}. */
  public static long[] parse(String instanceId) {
    String[] parts = instanceId.split("-");
    return new long[] {Long.parseLong(parts[2]), Long.parseLong(parts[4])};
  }

  void at(long tenantId, long runId, int seq, Instant when) {
    client.schedule(DESCRIPTOR.instance(instanceId(runId, seq), tenantId), when);
    if (!when.isAfter(clock.instant()) && TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          Scheduler local = scheduler.getIfAvailable();
          if (local != null) {
            local.triggerCheckForDueExecutions();
          }
        }
      });
    }
  }
}
