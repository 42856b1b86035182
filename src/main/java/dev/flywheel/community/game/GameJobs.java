package dev.flywheel.community.game;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The reveal-delay close of a round on db-scheduler: one {@code round-<id>} instance per opened
 * round, due at opened_at + reveal delay. {@link Rounds} is looked up lazily: the scheduler needs
 * its tasks before the module's services exist.
 */
@Configuration(proxyBeanMethods = false)
class GameJobs {

  @Bean
  OneTimeTask<Long> communityGameCloseTask(ObjectProvider<Rounds> rounds) {
    return Tasks.oneTime(CloseSchedule.TASK, Long.class)
        .execute((instance, ctx) -> rounds.getObject().closeByTask(instance.getData()));
  }

  @Bean
  CloseSchedule communityGameCloseSchedule(DataSource dataSource, OneTimeTask<Long> communityGameCloseTask) {
    return new CloseSchedule(dataSource, communityGameCloseTask);
  }
}
