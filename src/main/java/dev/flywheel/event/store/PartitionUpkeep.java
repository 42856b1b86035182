package dev.flywheel.event.store;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import dev.flywheel.event.ingest.IngestionProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Declares the partition job; the platform's scheduler picks up every task bean. */
@Configuration(proxyBeanMethods = false)
class PartitionUpkeep {

  @Bean
  PartitionUpkeepTask eventPartitionUpkeep(Partitions partitions, Clock clock, IngestionProperties properties) {
    return new PartitionUpkeepTask(partitions, clock, properties.partitionsAhead());
  }

  @Bean
  RecurringTask<Void> eventPartitionUpkeepTask(PartitionUpkeepTask upkeep) {
    return upkeep.recurring();
  }
}
