package dev.flywheel.campaign;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.flywheel.campaign.store.CampaignRow;
import dev.flywheel.campaign.store.CampaignStore;
import java.time.Clock;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Starts and ends campaigns by the clock. After an approval, one-time db-scheduler tasks
 * {@code campaign-<id>-start} and {@code campaign-<id>-end} are (re)scheduled at the active
 * window's ends; whenever one fires, or {@link Campaigns#advanceClock()} sweeps, {@link #step}
 * moves the campaign as far as the injected clock says. Steps are idempotent: a task firing
 * early, late or twice changes nothing wrong.
 */
@Component
class CampaignClock {
  static final String START_TASK = "campaign-start";
  static final String END_TASK = "campaign-end";
  static final OneTimeTask<Long> START_DESCRIPTOR = Tasks.oneTime(START_TASK, Long.class).execute((i, c) -> { });
  static final OneTimeTask<Long> END_DESCRIPTOR = Tasks.oneTime(END_TASK, Long.class).execute((i, c) -> { });
  private final CampaignStore store;
  private final CampaignRecords records;
  private final ObjectProvider<SchedulerClient> scheduler;
  private final Clock clock;

  CampaignClock(CampaignStore store, CampaignRecords records, ObjectProvider<SchedulerClient> scheduler, Clock clock) {
    this.store = store;
    this.records = records;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  static String instanceId(long campaignId, String which) {
    return "campaign-" + campaignId + "-" + which;
  }

  /** Moves a locked campaign: APPROVED → RUNNING at starts_at; APPROVED/RUNNING/PAUSED → ENDED at ends_at. */
  void step(CampaignRow row) {
    Instant now = clock.instant();
    CampaignStatus status = CampaignStatus.valueOf(row.status());
    String action = null;
    CampaignStatus next = status;
    if (status.isApproved() && row.endsAt() != null && !now.isBefore(row.endsAt())) {
      next = CampaignStatus.ENDED;
      action = "ended";
    } else if (status == CampaignStatus.APPROVED && row.startsAt() != null && !now.isBefore(row.startsAt())) {
      next = CampaignStatus.RUNNING;
      action = "started";
    }
    if (action == null) {
      return;
    }
    CampaignPlan plan = records.plan(row.tenantId(), row.id(), row.latestVersion());
    CampaignRow after = row.with(next.name(), row.latestVersion(), row.activeVersion(), row.pendingVersion());
    store.update(after, now);
    records.audit(row, plan, after, plan, action, "clock", row.activeVersion(), null);
  }

  /** (Re)schedules the start and end tasks once the approval commits. */
  void scheduleAfterCommit(CampaignRow row) {
    CampaignRecords.afterCommit(() -> {
      SchedulerClient client = scheduler.getIfAvailable();
      if (client == null) {
        return;
      }
      at(client, START_DESCRIPTOR.instance(instanceId(row.id(), "start"), row.tenantId()), row.startsAt());
      at(client, END_DESCRIPTOR.instance(instanceId(row.id(), "end"), row.tenantId()), row.endsAt());
    });
  }

  private static void at(SchedulerClient client, TaskInstance<Long> instance, Instant when) {
    if (!client.scheduleIfNotExists(instance, when)) {
      client.reschedule(instance, when);
    }
  }
}
