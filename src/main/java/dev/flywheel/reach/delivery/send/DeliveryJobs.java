package dev.flywheel.reach.delivery.send;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Delivery on db-scheduler: one task instance {@code deliver-<messageId>} per handed-over message,
 * rescheduled to the next attempt after a provider outage and removed once the message is sent or
 * failed; and a one-minute sweep that runs any due attempt whose task was lost. {@link Attempts} is
 * looked up lazily: the scheduler needs these tasks before the module's services exist.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeliveryProperties.class)
class DeliveryJobs {

  @Bean
  CustomTask<Long> reachDeliverTask(ObjectProvider<Attempts> attempts) {
    return Tasks.custom(DeliverySchedule.TASK, Long.class)
        .execute((instance, ctx) -> switch (attempts.getObject().attempt(instance.getData())) {
          case Attempts.Outcome.Finished f -> (CompletionHandler<Long>) (done, ops) -> ops.stop();
          case Attempts.Outcome.Later later -> (done, ops) -> ops.reschedule(done, later.at());
        });
  }

  @Bean
  RecurringTask<Void> reachDeliverySweep(ObjectProvider<Attempts> attempts) {
    return Tasks.recurring("reach-delivery-sweep", Schedules.fixedDelay(Duration.ofMinutes(1)))
        .execute((instance, ctx) -> attempts.getObject().runDue(null, 500));
  }

  @Bean
  DeliverySchedule deliverySchedule(DataSource dataSource, CustomTask<Long> reachDeliverTask) {
    return new DeliverySchedule(dataSource, reachDeliverTask);
  }
}
