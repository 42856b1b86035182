package dev.flywheel.reach.plan;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code reach-dispatch}: every 15 seconds, send whatever became due (deferred messages included). */
@Configuration(proxyBeanMethods = false)
class DispatchJobs {

  @Bean
  RecurringTask<Void> reachDispatchTask(ObjectProvider<Dispatcher> dispatcher) {
    return Tasks.recurring("reach-dispatch", Schedules.fixedDelay(Duration.ofSeconds(15)))
        .execute((instance, ctx) -> dispatcher.getObject().dispatchDue());
  }
}
