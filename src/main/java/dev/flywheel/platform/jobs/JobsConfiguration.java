package dev.flywheel.platform.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.OnStartup;
import com.github.kagkarlsson.scheduler.task.Task;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Durable jobs on db-scheduler: every module declares its tasks as beans; recurring ones are
 * scheduled on start-up with deterministic instance ids, so several nodes never run one twice.
 * Disabled with {@code flywheel.jobs.enabled=false} (tests call the job code directly with a
 * moved clock).
 */
@Configuration(proxyBeanMethods = false)
class JobsConfiguration {

  @Bean(destroyMethod = "")
  Scheduler scheduler(DataSource dataSource, ObjectProvider<Task<?>> tasks) {
    List<Task<?>> known = tasks.orderedStream().toList();
    List<OnStartup> recurring = known.stream().filter(OnStartup.class::isInstance)
        .map(OnStartup.class::cast).toList();
    // startTasks(...) registers the recurring tasks itself; passing them to create(...) as well
    // made db-scheduler fail with "Duplicate key" as soon as a module declared a RecurringTask.
    List<Task<?>> plain = known.stream().filter(t -> !(t instanceof OnStartup)).toList();
    return Scheduler.create(dataSource, plain)
        .startTasks(recurring.stream().map(t -> (Task<?> & OnStartup) castTask(t)).toList())
        .threads(2)
        .pollingInterval(Duration.ofSeconds(10))
        .build();
  }

  @SuppressWarnings("unchecked")
  private static <T extends Task<?> & OnStartup> T castTask(OnStartup task) {
    return (T) task;
  }

  @Bean
  JobsStarter jobsStarter(Scheduler scheduler,
      @org.springframework.beans.factory.annotation.Value("${flywheel.jobs.enabled:true}") boolean enabled) {
    return new JobsStarter(scheduler, enabled);
  }

  static final class JobsStarter {
    private final Scheduler scheduler;
    private final boolean enabled;
    private volatile boolean started;

    JobsStarter(Scheduler scheduler, boolean enabled) {
      this.scheduler = scheduler;
      this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
      if (enabled) {
        scheduler.start();
        started = true;
      }
    }

    @EventListener(org.springframework.context.event.ContextClosedEvent.class)
    public void stop() {
      if (started) {
        scheduler.stop();
        started = false;
      }
    }
  }
}
