package dev.flywheel.fission;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Employee reminders of an activity: "created" at once, "before" {@code remind_before_minutes}
 * ahead of the start, "start" at the start — one-time db-scheduler tasks {@code fission-remind}
 * with deterministic instance ids {@code fission-<id>-before} / {@code fission-<id>-start}
 * (task data: tenant id), scheduled after the creating transaction commits.
 */
@Component
public class Reminders {
  public static final String TASK = "fission-remind";
  static final OneTimeTask<Long> DESCRIPTOR = Tasks.oneTime(TASK, Long.class).execute((i, c) -> { });
  private final Notices notices;
  private final ObjectProvider<SchedulerClient> scheduler;

  Reminders(Notices notices, ObjectProvider<SchedulerClient> scheduler) {
    this.notices = notices;
    this.scheduler = scheduler;
  }

  public static String instanceId(long activityId, String kind) {
    return "fission-" + activityId + "-" + kind;
  }

  void schedule(Activity activity) {
    notices.notifyEmployees(activity.tenantId(), activity.id(), "created");
    Runnable plan = () -> {
      SchedulerClient client = scheduler.getIfAvailable();
      if (client == null) {
        return;
      }
      if (activity.remindBeforeMinutes() != null && activity.remindBeforeMinutes() > 0) {
        at(client, instanceId(activity.id(), "before"), activity.tenantId(),
            activity.startsAt().minus(Duration.ofMinutes(activity.remindBeforeMinutes())));
      }
      at(client, instanceId(activity.id(), "start"), activity.tenantId(), activity.startsAt());
    };
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          plan.run();
        }
      });
    } else {
      plan.run();
    }
  }

  private static void at(SchedulerClient client, String id, long tenantId, Instant when) {
    TaskInstance<Long> instance = DESCRIPTOR.instance(id, tenantId);
    if (!client.scheduleIfNotExists(instance, when)) {
      client.reschedule(instance, when);
    }
  }

  /** What a fired task does: {@code fission-42-start} → the "start" notices of activity 42 (idempotent). */
  public void fire(long tenantId, String instanceId) {
    String[] parts = instanceId.split("-");
    notices.notifyEmployees(tenantId, Long.parseLong(parts[1]), parts[2]);
  }
}
