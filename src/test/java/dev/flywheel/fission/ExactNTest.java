package dev.flywheel.fission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.event.EventIngestion;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Exactly N under concurrency: 1,000 trials, each N + 5 helpers released together on one task
 * (trials run five at a time on separate tasks, 40 real threads per wave); every trial sees exactly
 * N counted and five refused "task-full", and the table agrees.
 */
@RunningFlywheel
class ExactNTest {
  private static final int N = 3;
  private static final int HELPERS = N + 5;
  private static final int TRIALS = Integer.getInteger("flywheel.fission.exact-n.trials", 1000);
  private static final int WAVE = 5;
  @Autowired TestTenants tenants;
  @Autowired Activities activities;
  @Autowired Tasks tasks;
  @Autowired Helps helps;
  @Autowired EventIngestion events;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;

  @Test
  void nPlusFiveSimultaneousHelpersAlwaysLeaveExactlyNCounted() throws Exception {
    long tenant = tenants.create().id();
    FissionFixtures fx = new FissionFixtures(activities, tasks, events, clock);
    // helpers may help several tasks here so the same eight customers serve every trial
    Activity activity = fx.running(tenant, N, false, false);
    try (ExecutorService pool = Executors.newFixedThreadPool(WAVE * HELPERS)) {
      for (int wave = 0; wave < TRIALS / WAVE; wave++) {
        List<String> invites = new ArrayList<>();
        List<Task> trialTasks = new ArrayList<>();
        for (int t = 0; t < WAVE; t++) {
          Task task = fx.task(tenant, activity, "owner-" + wave + "-" + t, null);
          trialTasks.add(task);
          invites.add(fx.invite(task, activity));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HelpOutcome>> futures = new ArrayList<>();
        for (int t = 0; t < WAVE; t++) {
          for (int h = 0; h < HELPERS; h++) {
            String invite = invites.get(t);
            String helper = "helper-" + h;
            futures.add(pool.submit(() -> {
              start.await();
              return helps.help(new HelpRequest(tenant, invite, helper, null, null));
            }));
          }
        }
        start.countDown();
        for (int t = 0; t < WAVE; t++) {
          long counted = 0;
          long full = 0;
          for (int h = 0; h < HELPERS; h++) {
            HelpOutcome o = futures.get(t * HELPERS + h).get();
            counted += o instanceof HelpOutcome.Counted ? 1 : 0;
            full += o instanceof HelpOutcome.Refused r && r.code().equals("task-full") ? 1 : 0;
          }
          assertThat(counted).as("trial %d.%d counted", wave, t).isEqualTo(N);
          assertThat(full).as("trial %d.%d refused full", wave, t).isEqualTo(HELPERS - N);
        }
      }
    }
    var table = jdbc.sql("""
        select count(*), count(*) filter (where t.helps = :n),
          (select count(*) from fission_helps h where h.activity_id = :a),
          (select count(*) from (select task_id from fission_helps where activity_id = :a group by task_id
             having count(*) <> :n) odd)
        from fission_tasks t where t.activity_id = :a
        """).param("a", activity.id()).param("n", N).query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2),
            rs.getLong(3), rs.getLong(4)}).single();
    assertThat(table[0]).isEqualTo(TRIALS);
    assertThat(table[1]).as("tasks at exactly N").isEqualTo(TRIALS);
    assertThat(table[2]).as("help rows").isEqualTo((long) TRIALS * N);
    assertThat(table[3]).as("tasks with a help count other than N").isZero();
  }
}
