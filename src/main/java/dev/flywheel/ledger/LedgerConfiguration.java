package dev.flywheel.ledger;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LedgerProperties.class)
class LedgerConfiguration {

  /** Releases due pending rewards, expires coupons, catches hidden budget alerts. One instance cluster-wide. */
  @Bean
  RecurringTask<Void> ledgerUpkeepTask(Ledger ledger, LedgerProperties properties) {
    return Tasks.recurring("ledger-upkeep", FixedDelay.of(properties.upkeepInterval()))
        .execute((instance, context) -> ledger.upkeep());
  }
}
