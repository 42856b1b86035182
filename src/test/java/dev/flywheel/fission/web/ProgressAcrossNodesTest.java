package dev.flywheel.fission.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.event.EventIngestion;
import dev.flywheel.fission.Activities;
import dev.flywheel.fission.Activity;
import dev.flywheel.fission.FissionFixtures;
import dev.flywheel.fission.HelpOutcome;
import dev.flywheel.fission.HelpRequest;
import dev.flywheel.fission.Helps;
import dev.flywheel.fission.Task;
import dev.flywheel.fission.TaskProgress;
import dev.flywheel.fission.Tasks;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two more "nodes" — each a {@link ProgressListener} with a connection of its own, as a second and
 * third application instance would have — hear every help counted by this node's {@link Helps},
 * after its commit, and nothing for a refused help.
 */
@RunningFlywheel
class ProgressAcrossNodesTest {
  @Autowired TestTenants tenants;
  @Autowired Activities activities;
  @Autowired Tasks tasks;
  @Autowired Helps helps;
  @Autowired EventIngestion events;
  @Autowired MovableClock clock;
  @Autowired DataSource dataSource;

  @Test
  void aHelpCountedOnOneNodeReachesTheProgressListenersOfTheOtherNodes() throws Exception {
    BlockingQueue<TaskProgress> heardByB = new LinkedBlockingQueue<>();
    BlockingQueue<TaskProgress> heardByC = new LinkedBlockingQueue<>();
    ProgressListener nodeB = new ProgressListener(dataSource, heardByB::add, "node-b-progress");
    ProgressListener nodeC = new ProgressListener(dataSource, heardByC::add, "node-c-progress");
    nodeB.start();
    nodeC.start();
    try {
      assertThat(nodeB.awaitListening(Duration.ofSeconds(60))).isTrue();
      assertThat(nodeC.awaitListening(Duration.ofSeconds(60))).isTrue();
      long tenant = tenants.create().id();
      FissionFixtures fx = new FissionFixtures(activities, tasks, events, clock);
      Activity activity = fx.running(tenant, 2, false, false);
      Task task = fx.task(tenant, activity, "owner", null);
      String invite = fx.invite(task, activity);

      assertThat(helps.help(new HelpRequest(tenant, invite, "h1", null, null))).isInstanceOf(HelpOutcome.Counted.class);
      assertThat(helps.help(new HelpRequest(tenant, invite, "h1", null, null)))
          .isNotInstanceOf(HelpOutcome.Counted.class); // twice: refused, nothing to push
      assertThat(helps.help(new HelpRequest(tenant, invite, "h2", null, null))).isInstanceOf(HelpOutcome.Counted.class);

      List<TaskProgress> expected = List.of(new TaskProgress(tenant, task.id(), 1, 2),
          new TaskProgress(tenant, task.id(), 2, 2));
      assertThat(firstTwoFor(heardByB, task.id())).isEqualTo(expected);
      assertThat(firstTwoFor(heardByC, task.id())).isEqualTo(expected);
    } finally {
      nodeB.stop();
      nodeC.stop();
    }
  }

  /** The first two progress notifications of the task (other tests' tasks may be heard in between). */
  private static List<TaskProgress> firstTwoFor(BlockingQueue<TaskProgress> heard, long taskId) throws Exception {
    List<TaskProgress> mine = new ArrayList<>();
    while (mine.size() < 2) {
      TaskProgress p = heard.poll(60, TimeUnit.SECONDS);
      if (p == null) {
        break;
      }
      if (p.taskId() == taskId) {
        mine.add(p);
      }
    }
    return mine;
  }
}
