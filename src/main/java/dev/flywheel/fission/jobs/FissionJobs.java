package dev.flywheel.fission.jobs;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.flywheel.fission.Notices;
import dev.flywheel.fission.Reminders;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one-time reminder task ({@link Reminders}); the service is looked up lazily (the scheduler needs the task first). */
@Configuration(proxyBeanMethods = false)
class FissionJobs {

  /** Retries employee e-mails whose mail server was unavailable ({@link Notices#retryEmails}); every minute. */
  @Bean
  RecurringTask<Void> fissionNoticeMailTask(ObjectProvider<Notices> notices) {
    return Tasks.recurring("fission-notice-mail", FixedDelay.of(Duration.ofMinutes(1)))
        .execute((instance, ctx) -> notices.getObject().retryEmails());
  }

  @Bean
  OneTimeTask<Long> fissionRemindTask(ObjectProvider<Reminders> reminders) {
    return Tasks.oneTime(Reminders.TASK, Long.class)
        .execute((instance, ctx) -> reminders.getObject().fire(instance.getData(), instance.getId()));
  }
}
