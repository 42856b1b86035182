package dev.flywheel.event.store;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import dev.flywheel.event.ingest.IngestionProperties;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** Declares the partition job (collected by the platform's scheduler) and schedules it once per cluster. */
@Configuration(proxyBeanMethods = false)
class PartitionUpkeep {

  @Bean
  PartitionUpkeepTask eventPartitionUpkeep(Partitions partitions, Clock clock, IngestionProperties properties) {
    return new PartitionUpkeepTask(partitions, clock, properties.partitionsAhead());
  }

  @Bean
  Starter eventPartitionUpkeepStarter(SchedulerClient scheduler, PartitionUpkeepTask task, Clock clock,
      @Value("${flywheel.jobs.enabled:true}") boolean enabled) {
    return new Starter(scheduler, task, clock, enabled);
  }

  /** Schedules the first run at start-up; {@code scheduleIfNotExists} keeps it one instance across nodes. */
  record Starter(SchedulerClient scheduler, PartitionUpkeepTask task, Clock clock, boolean enabled) {
    @EventListener(ApplicationReadyEvent.class)
    public void schedule() {
      if (enabled) {
        scheduler.scheduleIfNotExists(task.instance(PartitionUpkeepTask.INSTANCE), clock.instant());
      }
    }
  }
}
