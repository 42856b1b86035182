package dev.flywheel.fission.jobs;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.flywheel.fission.Reminders;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one-time reminder task ({@link Reminders}); the service is looked up lazily (the scheduler needs the task first). */
@Configuration(proxyBeanMethods = false)
class FissionJobs {

  @Bean
  OneTimeTask<Long> fissionRemindTask(ObjectProvider<Reminders> reminders) {
    return Tasks.oneTime(Reminders.TASK, Long.class)
        .execute((instance, ctx) -> reminders.getObject().fire(instance.getData(), instance.getId()));
  }
}
