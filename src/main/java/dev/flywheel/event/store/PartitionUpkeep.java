package dev.flywheel.event.store;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.flywheel.event.ingest.IngestionProperties;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A daily durable job that creates the current month's partition and the next
 * {@code flywheel.events.partitions-ahead}, so ingestion seldom has to. Idempotent.
 */
@Configuration(proxyBeanMethods = false)
class PartitionUpkeep {

  @Bean
  RecurringTask<Void> eventPartitionUpkeep(Partitions partitions, Clock clock, IngestionProperties properties) {
    return Tasks.recurring("event-partition-upkeep", FixedDelay.of(Duration.ofDays(1)))
        .execute((instance, context) -> partitions.ensureAhead(clock.instant(), properties.partitionsAhead()));
  }
}
