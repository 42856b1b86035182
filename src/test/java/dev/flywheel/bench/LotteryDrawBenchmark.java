package dev.flywheel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.ledger.Asset;
import dev.flywheel.ledger.GrantRequest;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.lottery.DrawOutcome;
import dev.flywheel.lottery.Draws;
import dev.flywheel.lottery.Lotteries;
import dev.flywheel.lottery.Lottery;
import dev.flywheel.lottery.LotteryDraft;
import dev.flywheel.lottery.LotteryResult;
import dev.flywheel.lottery.Prize;
import dev.flywheel.lottery.PrizeKind;
import dev.flywheel.lottery.PrizeSpec;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.TestTenants;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Draws per second on one lottery from 64 closed-loop clients (64 customers, each draw a full
 * {@link Draws#draw}: replay check, the customer's row lock, one chance spent in the ledger, the
 * weighted pick, the conditional stock decrement, a points grant from the lottery budget for
 * half of the draws, the draw row; one transaction) against the baseline measured in the
 * same run: one client, {@code UPDATE bench_prize SET stock = stock - 1 WHERE id = ? AND stock > 0},
 * autocommit. Rounds interleave baseline and real. After the run: stock + awarded = initial, one
 * draw row per successful draw, one chance spent per draw, the ledger invariants.
 */
abstract class LotteryDrawBenchmark {
  private static final int INITIAL_STOCK = 5_000_000;
  private static final long CHANCES_EACH = 10_000_000L;
  @Autowired TestTenants tenants;
  @Autowired Lotteries lotteries;
  @Autowired Draws draws;
  @Autowired Ledger ledger;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;

  private final AtomicLong requests = new AtomicLong();
  private final LongAdder drawn = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final LongAdder decremented = new LongAdder();
  private CpuMeter cpu;
  /** CPU of the measured rounds: baseline, draws (JVM and database seconds). */
  private CpuMeter.Reading baselineCpu = new CpuMeter.Reading(0, 0);
  private CpuMeter.Reading drawCpu = new CpuMeter.Reading(0, 0);

  /** Runs the benchmark, publishes {@code target/bench/<name>.md} and asserts the invariants. */
  void measure(String name, String title) throws Exception {
    int clients = BenchSettings.integer("lottery.clients", 64);
    double seconds = BenchSettings.decimal("lottery.seconds", 0.6);
    int rounds = BenchSettings.integer("lottery.rounds", 2);
    double warmup = BenchSettings.decimal("lottery.warmup-seconds", 0.3);

    cpu = CpuMeter.of(jdbc);
    long tenant = tenants.create().id();
    LotteryResult created = lotteries.create(tenant, new LotteryDraft("Bench wheel",
        clock.instant().minus(Duration.ofHours(1)), clock.instant().plus(Duration.ofDays(30)), null, List.of(
            new PrizeSpec("1 point", PrizeKind.POINTS, 1, INITIAL_STOCK, null, 1, null, 1, 1),
            new PrizeSpec("Thank you", PrizeKind.THANK_YOU, 1, null, null, 0, null, 0, 0))), "bench");
    long lotteryId = ((LotteryResult.Done) created).lottery().id();
    lotteries.launch(tenant, lotteryId, "bench");
    ledger.fund(tenant, 66_000_000L + tenant, Asset.LOTTERY_CHANCE, CHANCES_EACH * clients, "bench");
    for (int c = 0; c < clients; c++) {
      ledger.grant(GrantRequest.of(tenant, 66_000_000L + tenant, "bench", "chances-" + c, "bench-" + c,
          Asset.LOTTERY_CHANCE, CHANCES_EACH));
    }
    jdbc.sql("create table if not exists bench_prize (id bigint primary key, stock bigint not null)").update();
    jdbc.sql("insert into bench_prize (id, stock) values (?, ?)").params(tenant, Long.MAX_VALUE / 2).update();

    baseline(tenant, seconds); // warm-up
    realRun(tenant, lotteryId, clients, warmup, new Histogram(3));
    var groupsBefore = draws.groupCommitStats();
    if (BenchSettings.analyzing()) {
      jdbc.sql("analyze lottery_draws, lottery_players, lottery_prizes, ledger_accounts, ledger_entries, "
          + "ledger_postings, ledger_grants, bench_prize").update();
    }
    StatementProfile.reset(jdbc);
    baselineCpu = new CpuMeter.Reading(0, 0);
    drawCpu = new CpuMeter.Reading(0, 0);
    long decrementsBefore = decremented.sum();
    long drawsBefore = drawn.sum();
    Histogram latency = new Histogram(3);
    double[] rates = ClosedLoop.interleaved(rounds, () -> baseline(tenant, seconds / rounds),
        () -> realRun(tenant, lotteryId, clients, seconds / rounds, latency));
    double baseRate = rates[0];
    double realRate = rates[1];

    var groupsAfter = draws.groupCommitStats();
    long groups = groupsAfter.groups() - groupsBefore.groups();
    long grouped = groupsAfter.requests() - groupsBefore.requests();
    double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    Lottery lottery = lotteries.get(tenant, lotteryId).orElseThrow();
    Prize prize = lottery.prizes().getFirst();
    long drawRows = draws.count(tenant, lotteryId);
    String server = jdbc.sql("select 'PostgreSQL ' || current_setting('server_version') || ', fsync=' "
        + "|| current_setting('fsync') || ', synchronous_commit=' || current_setting('synchronous_commit')")
        .query(String.class).single();
    BenchReport report = new BenchReport(title)
        .line("Server: %s.", server)
        .line("")
        .line("Baseline: 1 client, `UPDATE bench_prize SET stock = stock - 1 WHERE id = ? AND stock > 0`, autocommit, "
            + "own connection. Real: %d closed-loop clients (one customer each), `Draws.draw` on one lottery "
            + "(1 POINTS prize of stock %,d weight 1, THANK_YOU weight 1), each call answered after its commit (through the draw group commit). "
            + "%d interleaved rounds, %.1f s each way in total, warm-up %.1f s.", clients, INITIAL_STOCK, rounds,
            seconds, warmup)
        .line("")
        .header("baseline decrements/s", "draws/s", "draw p50 ms", "draw p99 ms", "ratio draws/baseline")
        .row(BenchReport.rate(baseRate), BenchReport.rate(realRate), BenchReport.ms(latency, 50),
            BenchReport.ms(latency, 99), String.format(java.util.Locale.ROOT, "%.2f", realRate / baseRate))
        .line("")
        .line("CPU per operation in the measured rounds (this JVM, clients included + the database server): "
            + "baseline %s µs per decrement, draws %s µs per draw.",
            perUnit(baselineCpu, decremented.sum() - decrementsBefore), perUnit(drawCpu, drawn.sum() - drawsBefore))
        .line("")
        .line("Draw group commit during the measured rounds: %,d group transactions carried %,d draws "
            + "(%.1f per group), %,d groups failed and were retried draw by draw. Load average (1 min) at the end: %.2f.",
            groups, grouped, groups == 0 ? 0.0 : (double) grouped / groups, groupsAfter.fallbacks() - groupsBefore.fallbacks(),
            load)
        .line("")
        .line("After the run: %,d draws stored, %,d refused; prize stock %,d + awarded %,d = %,d (initial %,d).",
            drawRows, refused.sum(), prize.stock(), prize.awarded(), prize.stock() + prize.awarded(), INITIAL_STOCK);
    StatementProfile.appendTo(report, jdbc, grouped, "draw");
    report.publish(name);

    assertThat(refused.sum()).isZero();
    assertThat(prize.stock() + prize.awarded()).isEqualTo(prize.initialStock()).isEqualTo(INITIAL_STOCK);
    assertThat(prize.stock()).isNotNegative();
    assertThat(drawRows).isEqualTo(drawn.sum());
    assertThat(jdbc.sql("select count(*) from ledger_entries where tenant_id = ? and kind = 'SPEND'").param(tenant)
        .query(Long.class).single()).as("one chance spent per draw").isEqualTo(drawRows);
    assertThat(jdbc.sql("select count(*) from lottery_draws d join lottery_prizes p on p.id = d.prize_id "
        + "where d.lottery_id = ? and p.kind = 'POINTS'").param(lotteryId).query(Long.class).single())
        .isEqualTo(prize.awarded());
    LedgerChecks.assertHold(jdbc, tenant);
  }

  /** The single baseline client; answers decrements per second. */
  private double baseline(long row, double seconds) throws Exception {
    CpuMeter.Reading before = cpu.read();
    double rate = ClosedLoop.autocommitLoop(dataSource,
        "update bench_prize set stock = stock - 1 where id = ? and stock > 0",
        update -> update.setLong(1, row), seconds, decremented::increment);
    baselineCpu = baselineCpu.plus(cpu.read().minus(before));
    return rate;
  }

  private static String perUnit(CpuMeter.Reading cpu, long units) {
    return String.format(java.util.Locale.ROOT, "%.0f + %.0f", cpu.jvm() * 1e6 / Math.max(1, units),
        cpu.database() * 1e6 / Math.max(1, units));
  }

  /** {@code clients} closed-loop drawers (one customer each) for {@code seconds}; answers draws per second. */
  private double realRun(long tenant, long lotteryId, int clients, double seconds, Histogram latency)
      throws Exception {
    CpuMeter.Reading before = cpu.read();
    double rate = ClosedLoop.run(clients, seconds, latency, client -> {
      DrawOutcome outcome = draws.draw(tenant, lotteryId, "bench-" + client, "b-" + requests.incrementAndGet(), "bench");
      if (outcome instanceof DrawOutcome.Drawn) {
        drawn.increment();
        return 1;
      }
      refused.increment();
      return 0;
    });
    drawCpu = drawCpu.plus(cpu.read().minus(before));
    return rate;
  }
}
