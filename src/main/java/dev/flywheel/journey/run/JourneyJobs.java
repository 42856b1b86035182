package dev.flywheel.journey.run;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Journeys on db-scheduler: the one-time task {@code journey-step} (instances
 * {@code journey-run-<runId>-step-<seq>}, data: tenant id) runs one step; a one-minute sweep runs
 * steps whose task was lost (e.g. scheduled by a node that died before waking its scheduler) and
 * the segment and schedule triggers. The engine is looked up lazily: the scheduler bean needs
 * these tasks before the module's services exist.
 */
@Configuration(proxyBeanMethods = false)
class JourneyJobs {
  static final Duration SWEEP_GRACE = Duration.ofMinutes(1);

  @Bean
  OneTimeTask<Long> journeyStepTask(ObjectProvider<Engine> engine) {
    return Tasks.oneTime(Resumes.TASK, Long.class).execute((instance, ctx) -> {
      long[] id = Resumes.parse(instance.getId());
      engine.getObject().advance(id[0], (int) id[1]);
    });
  }

  @Bean
  RecurringTask<Void> journeySweep(ObjectProvider<Engine> engine, ObjectProvider<Sweeps> sweeps, Clock clock) {
    return Tasks.recurring("journey-sweep", Schedules.fixedDelay(Duration.ofMinutes(1)))
        .execute((instance, ctx) -> {
          engine.getObject().runDue(clock.instant().minus(SWEEP_GRACE), 100_000);
          sweeps.getObject().run();
        });
  }
}
