package dev.flywheel.community.chat;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Community posts on db-scheduler: one {@code post-<id>} instance per post, rescheduled after an
 * outage; and a one-minute sweep for due posts whose task was lost. {@link PostDelivery} is looked
 * up lazily: the scheduler needs these tasks before the module's services exist.
 */
@Configuration(proxyBeanMethods = false)
class PostJobs {

  @Bean
  CustomTask<Long> communityPostTask(ObjectProvider<PostDelivery> delivery) {
    return Tasks.custom(PostSchedule.TASK, Long.class).execute((instance, ctx) -> {
      Optional<Instant> later = delivery.getObject().attempt(instance.getData());
      return later.<CompletionHandler<Long>>map(at -> (done, ops) -> ops.reschedule(done, at))
          .orElse((done, ops) -> ops.stop());
    });
  }

  @Bean
  RecurringTask<Void> communityPostSweep(ObjectProvider<PostDelivery> delivery) {
    return Tasks.recurring("community-post-sweep", Schedules.fixedDelay(Duration.ofMinutes(1)))
        .execute((instance, ctx) -> delivery.getObject().runDue(500));
  }

  @Bean
  PostSchedule communityPostSchedule(DataSource dataSource, CustomTask<Long> communityPostTask) {
    return new PostSchedule(dataSource, communityPostTask);
  }
}
