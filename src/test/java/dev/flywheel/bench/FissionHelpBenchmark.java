package dev.flywheel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.fission.Activities;
import dev.flywheel.fission.Activity;
import dev.flywheel.fission.ActivityDraft;
import dev.flywheel.fission.ActivityResult;
import dev.flywheel.fission.HelpOutcome;
import dev.flywheel.fission.HelpRequest;
import dev.flywheel.fission.Helps;
import dev.flywheel.fission.Task;
import dev.flywheel.fission.Tasks;
import dev.flywheel.ledger.Asset;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.TestTenants;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Helps per second on many tasks from 64 closed-loop clients: each help a full {@link Helps#help}
 * (invite signature, activity window, own-task and duplicate checks, fraud signals, the
 * conditional count and the help row in one transaction) by a fresh helper on a random task of
 * one activity (N = 5, one task per helper). Baseline in the same run: one client,
 * {@code UPDATE bench_fission SET helps = helps + 1 WHERE id = ? AND helps < ?}, autocommit.
 * After the run: no task past N, every task's count equals its help rows, no helper twice.
 */
abstract class FissionHelpBenchmark {
  private static final int N = 5;
  @Autowired TestTenants tenants;
  @Autowired Activities activities;
  @Autowired Tasks tasks;
  @Autowired Helps helps;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;
  private final AtomicLong helpers = new AtomicLong();
  private final LongAdder counted = new LongAdder();
  private final LongAdder full = new LongAdder();
  private final LongAdder other = new LongAdder();

  void measure(String name, String title) throws Exception {
    int clients = BenchSettings.integer("fission.clients", 64);
    double seconds = BenchSettings.decimal("fission.seconds", 0.6);
    int rounds = BenchSettings.integer("fission.rounds", 2);
    int taskCount = BenchSettings.integer("fission.tasks", 400);
    long tenant = tenants.create().id();
    ActivityResult created = activities.create(tenant, new ActivityDraft("Bench invite", "", clock.instant()
        .minus(Duration.ofHours(1)), clock.instant().plus(Duration.ofDays(30)), N, false, true, Asset.POINTS, 1L, null, null,
        10, null, null, null, null, null, null, List.of(), null, null, null, null, 1_000_000, List.of()), "bench");
    Activity activity = ((ActivityResult.Done) created).activity();
    List<String> invites = new ArrayList<>();
    for (int i = 0; i < taskCount; i++) {
      Task t = ((Tasks.Start.Started) tasks.start(tenant, activity.id(), "owner-" + i, null, null)).task();
      invites.add(tasks.invite(t, activity));
    }
    jdbc.sql("create table if not exists bench_fission (id bigint primary key, helps bigint not null)").update();
    jdbc.sql("insert into bench_fission (id, helps) values (?, 0)").params(tenant).update();

    realRun(tenant, invites, clients, Math.min(0.3, seconds / 2), new Histogram(3)); // warm-up
    Histogram latency = new Histogram(3);
    double[] rates = ClosedLoop.interleaved(rounds, () -> baseline(tenant, seconds / rounds),
        () -> realRun(tenant, invites, clients, seconds / rounds, latency));
    double baseRate = rates[0];
    double realRate = rates[1];
    long[] after = jdbc.sql("""
        select (select count(*) from fission_tasks where activity_id = :a and helps > helpers_needed),
               (select count(*) from fission_tasks t where activity_id = :a and helps <> (select count(*) from fission_helps h
                  where h.task_id = t.id and h.status = 'COUNTED')),
               (select count(*) from (select helper_id from fission_helps where activity_id = :a group by helper_id
                  having count(*) > 1) twice),
               (select count(*) from fission_helps where activity_id = :a),
               (select count(*) from fission_tasks where activity_id = :a and helps = helpers_needed)
        """).param("a", activity.id()).query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3),
            rs.getLong(4), rs.getLong(5)}).single();
    new BenchReport(title)
        .line("Baseline: 1 client, `UPDATE bench_fission SET helps = helps + 1 WHERE id = ? AND helps < ?`, "
            + "autocommit. Real: %d closed-loop clients, `Helps.help` by a fresh helper on a random one of %,d tasks "
            + "(N = %d, one task per helper), each help its own transaction. %d interleaved rounds, %.1f s each way.",
            clients, taskCount, N, rounds, seconds)
        .line("")
        .header("baseline updates/s", "helps/s", "help p50 ms", "help p99 ms", "ratio helps/baseline")
        .row(BenchReport.rate(baseRate), BenchReport.rate(realRate), BenchReport.ms(latency, 50),
            BenchReport.ms(latency, 99), String.format(java.util.Locale.ROOT, "%.2f", realRate / baseRate))
        .line("")
        .line("After the run: %,d helps counted, %,d refused as full, %,d other; %,d help rows; %,d tasks complete; "
            + "tasks past N: %d; tasks whose count differs from their rows: %d; helpers twice: %d.",
            counted.sum(), full.sum(), other.sum(), after[3], after[4], after[0], after[1], after[2])
        .publish(name);
    assertThat(other.sum()).isZero();
    assertThat(after[0]).as("tasks past N").isZero();
    assertThat(after[1]).as("counts that differ from help rows").isZero();
    assertThat(after[2]).as("helpers who helped twice").isZero();
    assertThat(after[3]).isEqualTo(counted.sum());
  }

  private double baseline(long row, double seconds) throws Exception {
    return ClosedLoop.autocommitLoop(dataSource, "update bench_fission set helps = helps + 1 where id = ? and helps < ?",
        update -> {
          update.setLong(1, row);
          update.setLong(2, Long.MAX_VALUE / 2);
        }, seconds, () -> {});
  }

  private double realRun(long tenant, List<String> invites, int clients, double seconds, Histogram latency)
      throws Exception {
    return ClosedLoop.run(clients, seconds, latency, client -> {
      String invite = invites.get(ThreadLocalRandom.current().nextInt(invites.size()));
      String helper = "helper-" + helpers.incrementAndGet();
      switch (helps.help(new HelpRequest(tenant, invite, helper, null, null))) {
        case HelpOutcome.Counted c -> counted.increment();
        case HelpOutcome.Refused r when r.code().equals("task-full") -> full.increment();
        default -> other.increment();
      }
      return 1;
    });
  }
}
