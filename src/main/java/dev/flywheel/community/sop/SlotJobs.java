package dev.flywheel.community.sop;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Calendar slots on db-scheduler: one {@value SlotSchedule#TASK} instance {@code sop-slot-<id>}
 * per slot, due at the slot's time. {@link SlotFiring} is looked up lazily (the scheduler needs
 * the task before the module's services exist).
 */
@Configuration(proxyBeanMethods = false)
class SlotJobs {

  @Bean
  OneTimeTask<Long> communitySopSlotTask(ObjectProvider<SlotFiring> firing) {
    return Tasks.oneTime(SlotSchedule.TASK, Long.class)
        .execute((instance, ctx) -> firing.getObject().fire(instance.getData()));
  }

  @Bean
  SlotSchedule communitySopSlotSchedule(DataSource dataSource, OneTimeTask<Long> communitySopSlotTask) {
    return new SlotSchedule(dataSource, communitySopSlotTask);
  }
}
