package dev.flywheel.campaign.schedule;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.flywheel.campaign.Campaigns;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The campaign clock on db-scheduler: one-time tasks {@code campaign-<id>-start} /
 * {@code campaign-<id>-end} (task data: tenant id) and a one-minute sweep that catches any task
 * lost between a commit and its scheduling. {@link Campaigns} is looked up lazily: the scheduler
 * bean needs these tasks before the module's services exist.
 */
@Configuration(proxyBeanMethods = false)
class CampaignJobs {

  @Bean
  OneTimeTask<Long> campaignStartTask(ObjectProvider<Campaigns> campaigns) {
    return Tasks.oneTime("campaign-start", Long.class)
        .execute((instance, ctx) -> campaigns.getObject().step(instance.getData(), campaignId(instance.getId())));
  }

  @Bean
  OneTimeTask<Long> campaignEndTask(ObjectProvider<Campaigns> campaigns) {
    return Tasks.oneTime("campaign-end", Long.class)
        .execute((instance, ctx) -> campaigns.getObject().step(instance.getData(), campaignId(instance.getId())));
  }

  @Bean
  RecurringTask<Void> campaignClockSweep(ObjectProvider<Campaigns> campaigns) {
    return Tasks.recurring("campaign-clock-sweep", Schedules.fixedDelay(Duration.ofMinutes(1)))
        .execute((instance, ctx) -> campaigns.getObject().advanceClock());
  }

  /** {@code campaign-42-start} → 42. */
  static long campaignId(String instanceId) {
    return Long.parseLong(instanceId.split("-")[1]);
  }
}
