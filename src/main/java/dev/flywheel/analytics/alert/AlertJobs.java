package dev.flywheel.analytics.alert;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.flywheel.analytics.FunderAlerts;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The hourly funder-alert check ({@code analytics-funder-alerts}); checking twice sends nothing new. */
@Configuration(proxyBeanMethods = false)
class AlertJobs {

  @Bean
  RecurringTask<Void> analyticsFunderAlerts(ObjectProvider<FunderAlerts> alerts) {
    return Tasks.recurring("analytics-funder-alerts", Schedules.fixedDelay(Duration.ofHours(1)))
        .execute((instance, ctx) -> alerts.getObject().checkAll());
  }
}
