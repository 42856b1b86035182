package dev.flywheel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.campaign.CampaignPlan;
import dev.flywheel.campaign.CampaignResult;
import dev.flywheel.campaign.Campaigns;
import dev.flywheel.campaign.Caps;
import dev.flywheel.campaign.EffectDefinition;
import dev.flywheel.campaign.RuleDefinition;
import dev.flywheel.campaign.Window;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.event.IngestionResult;
import dev.flywheel.ledger.Asset;
import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.time.MovableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.test.web.server.LocalServerPort;
import dev.flywheel.ledger.Budget;
import dev.flywheel.ledger.GrantOutcome;
import dev.flywheel.ledger.GrantRequest;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.support.TestTenants;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Durable grants to ONE campaign ({@link Ledger#grant}, 1 POINTS unit each, distinct source
 * events, one transaction and so one commit per grant) from 1, 8 and 64 concurrent closed-loop
 * clients, against the hot-row baseline measured in the same run on the same PostgreSQL: a
 * single client decrementing one row, {@code UPDATE bench_budget SET remaining = remaining - 1
 * WHERE id = ? AND remaining >= 1}, autocommit (one decrement per commit). Rounds alternate
 * baseline and real after a warm-up of each. {@code synchronous_commit} is on for both paths;
 * whether commits are really flushed depends on the server's {@code fsync} (the report prints
 * it): see {@link GrantThroughputBenchmarkTest} (shared embedded server, which zonky starts
 * with {@code -F}, i.e. fsync off) and {@link DurableGrantThroughputBenchmarkTest} (fsync on).
 *
 * <p>Asserts correctness only: every grant answered {@code Granted}, the database holds exactly
 * those grants, funded = remaining + granted, no duplicate grant, postings sum to zero per asset
 * ({@link LedgerChecks}), and the baseline row lost exactly one unit per successful update.
 */
abstract class GrantThroughputBenchmark {
  private static final int CUSTOMERS = 50_000;
  private static final long FUNDED = 1_000_000_000L;
  private static final long BASELINE_START = 1L << 60;

  @Autowired TestTenants tenants;
  @Autowired Ledger ledger;
  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;
  @Autowired PlatformTransactionManager transactions;
  @Autowired Campaigns campaigns;
  @Autowired EventIngestion ingestion;
  @Autowired MovableClock clock;
  @LocalServerPort int port;
  private final AtomicLong nextIngested = new AtomicLong();
  private final LongAdder eventsGranted = new LongAdder();

  private final AtomicLong nextEvent = new AtomicLong();
  private final LongAdder granted = new LongAdder();
  private final LongAdder decremented = new LongAdder();
  private final Map<String, LongAdder> unexpected = new ConcurrentHashMap<>();
  private CpuMeter cpu;

  /** Runs the benchmark, publishes {@code target/bench/<name>.md} and asserts the invariants. */
  void measure(String name, String title) throws Exception {
    cpu = CpuMeter.of(jdbc);
    int[] levels = Arrays.stream(System.getProperty("flywheel.bench.grants.clients", "1,8,64").split(","))
        .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    double seconds = BenchSettings.decimal("grants.seconds", 0.4);
    int rounds = BenchSettings.integer("grants.rounds", 2);
    double warmupSeconds = BenchSettings.decimal("grants.warmup-seconds", 0.3);
    int eventBatch = BenchSettings.integer("grants.event-batch", 100);
    int batchClients = BenchSettings.integer("grants.batch-clients", 8);

    long tenant = tenants.create().id();
    long campaign = 77_000_000L + tenant;
    ledger.fund(tenant, campaign, Asset.POINTS, FUNDED, "bench");
    jdbc.sql("create table if not exists bench_budget (id bigint primary key, remaining bigint not null)").update();
    long row = tenant;
    jdbc.sql("insert into bench_budget (id, remaining) values (?, ?)").params(row, BASELINE_START).update();
    TransactionTemplate tx = new TransactionTemplate(transactions);

    Load baseline = () -> new Decrementer(row);
    // the API as callers use it outside a transaction: the ledger's grant group commit answers after the commit
    Load real = () -> () -> {
      grantOne(tenant, campaign);
      return 1;
    };
    // for comparison: each grant in a transaction of the caller's own (joins it: one commit per grant)
    Load ownTransaction = () -> () -> {
      tx.executeWithoutResult(s -> grantOne(tenant, campaign));
      return 1;
    };
    int most = Arrays.stream(levels).max().orElse(1);
    run(baseline, 1, warmupSeconds);
    run(real, most, warmupSeconds);
    if (BenchSettings.analyzing()) {
      jdbc.sql("analyze ledger_accounts, ledger_grants, ledger_entries, ledger_postings, ledger_budgets, bench_budget")
          .update();
    }

    String server = jdbc.sql("""
            select 'PostgreSQL ' || current_setting('server_version') || ', fsync=' || current_setting('fsync')
              || ', synchronous_commit=' || current_setting('synchronous_commit')
              || ', wal_sync_method=' || current_setting('wal_sync_method')""").query(String.class).single();
    BenchReport report = new BenchReport(title)
        .line("Server: %s.", server)
        .line("")
        .line("Baseline: 1 client, `UPDATE bench_budget SET remaining = remaining - 1 WHERE id = ? AND remaining >= 1`, "
            + "autocommit, on its own connection. Real: N closed-loop clients (platform threads), each calling "
            + "`Ledger.grant` of 1 POINTS unit with a distinct source event, outside any transaction, all to one "
            + "campaign: the ledger's grant group commit queues the call, a worker runs whatever is queued as one "
            + "`grantAll` transaction (one budget claim, one multi-row insert, one commit) and answers each caller "
            + "after that commit. Same server as the baseline. "
            + "Per level %d rounds of %.1f s per path, alternating which goes first, after %.1f s warm-up of each; "
            + "tables analysed after warm-up: %s. Latency includes queueing and waiting for a pooled connection "
            + "(pool of %s).",
            rounds, seconds / rounds, warmupSeconds, BenchSettings.analyzing() ? "yes" : "no", poolSize());
    var grantStatsBefore = ledger.groupCommitStats();
    StatementProfile.reset(jdbc);
    double bestRatio = section(report, "Durable grants, `Ledger.grant` outside a transaction (grant group commit):",
        levels, baseline, real, rounds, seconds, "grants/s");
    var grantStatsAfter = ledger.groupCommitStats();
    report.line("")
        .line("Grant group commit (defaults: max-size 512, 2 workers): %,d grants in %,d groups (%.1f per group); "
            + "groups retried grant by grant: %d.", grantStatsAfter.grants() - grantStatsBefore.grants(),
            grantStatsAfter.groups() - grantStatsBefore.groups(),
            (double) (grantStatsAfter.grants() - grantStatsBefore.grants())
                / Math.max(1, grantStatsAfter.groups() - grantStatsBefore.groups()),
            grantStatsAfter.fallbacks() - grantStatsBefore.fallbacks());
    StatementProfile.appendTo(report, jdbc, grantStatsAfter.grants() - grantStatsBefore.grants(), "grant");
    if (batchClients > 0) {
      Result base = new Result();
      Result mine = new Result();
      for (int r = 0; r < rounds; r++) {
        if (r % 2 == 0) {
          base.add(run(baseline, 1, seconds / rounds));
          mine.add(run(ownTransaction, batchClients, seconds / rounds));
        } else {
          mine.add(run(ownTransaction, batchClients, seconds / rounds));
          base.add(run(baseline, 1, seconds / rounds));
        }
      }
      report.line("")
          .line("For comparison, no group commit: %d clients, each `Ledger.grant` inside a `TransactionTemplate` "
              + "transaction of the caller's own (the grant joins it: one transaction and one commit per grant).",
              batchClients)
          .line("")
          .header("clients", "baseline decrements/s", "grants/s", "p50 ms", "p99 ms", "ratio grants/baseline")
          .row(batchClients, BenchReport.rate(base.rate()), BenchReport.rate(mine.rate()),
              BenchReport.ms(mine.latency, 50), BenchReport.ms(mine.latency, 99),
              BenchReport.ratio(mine.rate() / base.rate()));
    }
    // --- the product paths: single events through group commit (in process and over HTTP) ---
    TestTenants.TestTenant eventTenant = tenants.create();
    long eventCampaign = runningCampaign(eventTenant);
    Instant occurred = clock.instant();
    Load ingesting = () -> () -> {
      long n = nextIngested.getAndIncrement();
      IngestionResult r = ingestion.ingest(eventTenant.id(), IncomingEvent.of("gc-" + n, "c-" + n % CUSTOMERS,
          "investment", occurred, Map.of("amount", new java.math.BigDecimal("100"), "product", "p7", "term_days", 7)));
      if (r instanceof IngestionResult.Accepted) {
        eventsGranted.increment();
      } else {
        unexpected.computeIfAbsent(String.valueOf(r), k -> new LongAdder()).increment();
      }
      return 1;
    };
    HttpClient[] http = new HttpClient[4];
    for (int i = 0; i < http.length; i++) {
      http[i] = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
          .build();
    }
    URI events = URI.create("http://localhost:" + port + "/api/v1/events");
    AtomicLong httpClients = new AtomicLong();
    Load posting = () -> {
      HttpClient client = http[(int) (httpClients.getAndIncrement() % http.length)];
      return () -> {
        long n = nextIngested.getAndIncrement();
        String body = "{\"event_id\":\"gc-" + n + "\",\"customer_id\":\"c-" + n % CUSTOMERS
            + "\",\"type\":\"investment\",\"occurred_at\":\"" + occurred
            + "\",\"attributes\":{\"amount\":100,\"product\":\"p7\",\"term_days\":7}}";
        HttpResponse<String> res = client.send(HttpRequest.newBuilder(events)
            .header("Authorization", "Bearer " + eventTenant.apiKey()).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() == 201 && res.body().contains("\"grant_id\"")) {
          eventsGranted.increment();
        } else {
          unexpected.computeIfAbsent("HTTP " + res.statusCode() + " " + res.body(), k -> new LongAdder()).increment();
        }
        return 1;
      };
    };
    URI batchEvents = URI.create("http://localhost:" + port + "/api/v1/events/batch");
    Load postingBatches = () -> {
      HttpClient client = http[(int) (httpClients.getAndIncrement() % http.length)];
      return () -> {
        long n0 = nextIngested.getAndAdd(eventBatch);
        StringBuilder body = new StringBuilder("{\"events\":[");
        for (long n = n0; n < n0 + eventBatch; n++) {
          body.append(n == n0 ? "" : ",").append("{\"event_id\":\"gc-").append(n).append("\",\"customer_id\":\"c-")
              .append(n % CUSTOMERS).append("\",\"type\":\"investment\",\"occurred_at\":\"").append(occurred)
              .append("\",\"attributes\":{\"amount\":100,\"product\":\"p7\",\"term_days\":7}}");
        }
        body.append("]}");
        HttpResponse<String> res = client.send(HttpRequest.newBuilder(batchEvents)
            .header("Authorization", "Bearer " + eventTenant.apiKey()).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        int grants = res.body().split("\"grant_id\"", -1).length - 1;
        if (res.statusCode() == 200 && res.body().contains("\"accepted\":" + eventBatch + ",") && grants == eventBatch) {
          eventsGranted.add(eventBatch);
        } else {
          unexpected.computeIfAbsent("batch HTTP " + res.statusCode() + " " + grants + " grants", k -> new LongAdder())
              .increment();
        }
        return eventBatch;
      };
    };
    int[] eventLevels = Arrays.stream(System.getProperty("flywheel.bench.grants.event-clients", "8,64")
        .split(",")).mapToInt(x -> Integer.parseInt(x.trim())).toArray();
    int mostEvents = Arrays.stream(eventLevels).max().orElse(1);
    run(ingesting, mostEvents, warmupSeconds);
    run(posting, mostEvents, warmupSeconds);
    if (eventBatch > 0) {
      run(postingBatches, 4, warmupSeconds);
    }
    if (BenchSettings.analyzing()) {
      jdbc.sql("analyze ledger_accounts, ledger_grants, ledger_entries, ledger_postings, campaign_decisions").update();
      BenchSettings.analyze(jdbc);
    }
    var statsBefore = ingestion.groupCommitStats();
    StatementProfile.reset(jdbc);
    double bestInProcess = section(report, "Single events through group commit, in process: each client calls "
        + "`EventIngestion.ingest` (one `investment` event, its own customer of 50,000) and waits for its commit; "
        + "a running campaign grants 1 POINTS per event. Path: `GroupCommitStage` queue → one `Intake.accept` "
        + "transaction per group (events, keys, customer state, evaluation, `Ledger.grantAll`, decisions) → "
        + "one commit → each caller answered. Latency is per event (queue + group transaction + commit).",
        eventLevels, baseline, ingesting, rounds, seconds, "events/s");
    var statsMiddle = ingestion.groupCommitStats();
    StatementProfile.appendTo(report, jdbc, statsMiddle.events() - statsBefore.events(), "event");
    double bestHttp = section(report, "The same over HTTP: `POST /api/v1/events` (API key, JSON in, the answer "
        + "carries the committed effects, read after the commit), `java.net.http.HttpClient` ×4, HTTP/1.1 "
        + "keep-alive, client and server on the same machine. Latency is the synchronous effects API's.",
        eventLevels, baseline, posting, rounds, seconds, "events/s");
    var statsAfter = ingestion.groupCommitStats();
    int[] batchLevels = Arrays.stream(eventLevels).filter(c -> c <= 8).toArray();
    double bestBatch = eventBatch < 1 ? 0 : section(report, ("The same over HTTP in batches: `POST /api/v1/events/batch` "
        + "with %d events per request (an app backend forwarding its events), the answer carries every event's "
        + "committed effects. Rates count events; latency is per request (%d events).").formatted(eventBatch,
        eventBatch), batchLevels, baseline, postingBatches, rounds, seconds, "events/s");
    report.line("")
        .line("Group commit (defaults: max-size 256, max-wait 0, 2 workers): in process %,d events in %,d groups "
            + "(%.1f per group), HTTP %,d events in %,d groups (%.1f per group); groups retried event by event: %d. "
            + "Best ratio in process %s, over HTTP single events %s, over HTTP batches %s (target ≥ 5× over HTTP).",
            statsMiddle.events() - statsBefore.events(), statsMiddle.groups() - statsBefore.groups(),
            (double) (statsMiddle.events() - statsBefore.events()) / Math.max(1, statsMiddle.groups() - statsBefore.groups()),
            statsAfter.events() - statsMiddle.events(), statsAfter.groups() - statsMiddle.groups(),
            (double) (statsAfter.events() - statsMiddle.events()) / Math.max(1, statsAfter.groups() - statsMiddle.groups()),
            statsAfter.fallbacks(), BenchReport.ratio(bestInProcess), BenchReport.ratio(bestHttp),
            BenchReport.ratio(bestBatch));

    int slots = jdbc.sql("select slots from ledger_budgets where tenant_id = ? and campaign_id = ?")
        .params(tenant, campaign).query(Integer.class).single();
    long fromMain = jdbc.sql("""
            select count(*) from ledger_postings p join ledger_entries e on e.id = p.entry_id
            join ledger_accounts a on a.id = p.account_id
            where e.tenant_id = :t and e.kind = 'GRANT' and a.kind = 'BUDGET'""")
        .param("t", tenant).query(Long.class).single();
    long refills = jdbc.sql("select count(*) from ledger_entries where tenant_id = :t and kind = 'REFILL'")
        .param("t", tenant).query(Long.class).single();
    long consolidations = jdbc.sql("select count(*) from ledger_entries where tenant_id = :t and kind = 'CONSOLIDATE'")
        .param("t", tenant).query(Long.class).single();
    report.line("")
        .line("Best ratio %s (target ≥ 10×, stretch 20×). Grants in total (incl. warm-up): %,d; paid from the main "
            + "budget account because all %d slots were locked (slow path, serialised on one row): %,d; slot refills: %,d; "
            + "consolidations (every slot swept back into the main account, waiting for all grants in flight): %,d.",
            BenchReport.ratio(bestRatio), granted.sum(), slots, fromMain, refills, consolidations);
    report.publish(name);

    // correctness only, never speed
    assertThat(unexpected).as("grant outcomes other than Granted").isEmpty();
    assertThat(jdbc.sql("select count(*) from ledger_grants where tenant_id = ? and campaign_id = ?")
        .params(tenant, campaign).query(Long.class).single()).isEqualTo(granted.sum()).isEqualTo(nextEvent.get());
    assertThat(ledger.budget(tenant, campaign).lines().get(Asset.POINTS))
        .isEqualTo(new Budget.Line(FUNDED, FUNDED - granted.sum(), granted.sum()));
    LedgerChecks.assertHold(jdbc, tenant);
    assertThat(jdbc.sql("select count(*) from ledger_grants where tenant_id = ? and campaign_id = ?")
        .params(eventTenant.id(), eventCampaign).query(Long.class).single())
        .as("one grant per ingested event").isEqualTo(eventsGranted.sum()).isEqualTo(nextIngested.get());
    assertThat(jdbc.sql("select count(*) from events where tenant_id = ?").param(eventTenant.id())
        .query(Long.class).single()).as("every event stored once").isEqualTo(nextIngested.get());
    assertThat(ledger.budget(eventTenant.id(), eventCampaign).lines().get(Asset.POINTS))
        .isEqualTo(new Budget.Line(FUNDED, FUNDED - eventsGranted.sum(), eventsGranted.sum()));
    LedgerChecks.assertHold(jdbc, eventTenant.id());
    assertThat(jdbc.sql("select remaining from bench_budget where id = ?").param(row).query(Long.class).single())
        .as("the baseline row lost one unit per successful update").isEqualTo(BASELINE_START - decremented.sum());
  }

  /** One table: per level, interleaved rounds of the 1-client baseline and {@code real} at that level. */
  private double section(BenchReport report, String text, int[] levels, Load baseline, Load real, int rounds,
      double seconds, String unit) throws InterruptedException {
    report.line("").line(text).line("")
        .header("clients", "baseline decrements/s", "baseline p50 ms", "baseline p99 ms", unit, "p50 ms", "p99 ms",
            "ratio", "median round ratio", "baseline CPU µs/op (JVM + PG)", "CPU µs/op (JVM + PG)");
    double best = 0;
    for (int clients : levels) {
      Result base = new Result();
      Result mine = new Result();
      List<Double> roundRatios = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        Result b;
        Result m;
        if (r % 2 == 0) {
          b = run(baseline, 1, seconds / rounds);
          m = run(real, clients, seconds / rounds);
        } else {
          m = run(real, clients, seconds / rounds);
          b = run(baseline, 1, seconds / rounds);
        }
        roundRatios.add(m.rate() / b.rate());
        base.add(b);
        mine.add(m);
      }
      double ratio = mine.rate() / base.rate();
      best = Math.max(best, ratio);
      report.row(clients, BenchReport.rate(base.rate()), BenchReport.ms(base.latency, 50),
          BenchReport.ms(base.latency, 99), BenchReport.rate(mine.rate()), BenchReport.ms(mine.latency, 50),
          BenchReport.ms(mine.latency, 99), BenchReport.ratio(ratio), BenchReport.ratio(median(roundRatios)),
          base.cpuPerUnit(), mine.cpuPerUnit());
    }
    return best;
  }

  /** A campaign on {@code investment} that grants 1 POINTS per event, funded with {@link #FUNDED}, running now. */
  private long runningCampaign(TestTenants.TestTenant tenant) {
    ZoneId zone = ZoneId.of("Asia/Shanghai");
    LocalDate day0 = LocalDate.ofInstant(clock.instant(), zone).plusDays(2);
    Instant starts = day0.atStartOfDay(zone).toInstant();
    var plan = new CampaignPlan("Bench: 1 point per investment", "purpose", "theme",
        Window.of(starts, starts.plus(Duration.ofDays(30))), "content", "process",
        List.of(new RuleDefinition("point", "point", "investment", "true",
            List.of(EffectDefinition.Grant.of(dev.flywheel.campaign.Asset.POINTS, "1")))),
        Map.of(dev.flywheel.campaign.Asset.POINTS, FUNDED), "owner", List.of(), null, List.of("banner"), 0, false,
        Caps.NONE);
    String operator = tenant.user(Role.OPERATOR);
    long id = ((CampaignResult.Done) campaigns.create(tenant.id(), plan, operator)).campaign().id();
    assertThat(campaigns.submit(tenant.id(), id, operator)).isInstanceOf(CampaignResult.Done.class);
    assertThat(campaigns.approve(tenant.id(), id, tenant.user(Role.APPROVER), "ok"))
        .isInstanceOf(CampaignResult.Done.class);
    clock.set(day0.atTime(LocalTime.of(10, 0)).atZone(zone).toInstant());
    campaigns.advanceClock();
    return id;
  }

  private void grantOne(long tenant, long campaign) {
    long n = nextEvent.getAndIncrement();
    GrantOutcome outcome = ledger.grant(GrantRequest.of(tenant, campaign, "bench", "g-" + n, "c-" + n % CUSTOMERS,
        Asset.POINTS, 1));
    if (outcome instanceof GrantOutcome.Granted) {
      granted.increment();
    } else {
      unexpected.computeIfAbsent(String.valueOf(outcome), k -> new LongAdder()).increment();
    }
  }

  /** The baseline client: one connection, one prepared statement, autocommit. */
  private final class Decrementer implements Client {
    private final long row;
    private Connection connection;
    private PreparedStatement update;

    Decrementer(long row) {
      this.row = row;
    }

    @Override
    public int once() throws SQLException {
      if (update == null) {
        connection = dataSource.getConnection();
        connection.setAutoCommit(true);
        update = connection.prepareStatement(
            "update bench_budget set remaining = remaining - 1 where id = ? and remaining >= 1");
        update.setLong(1, row);
      }
      if (update.executeUpdate() == 1) {
        decremented.increment();
      } else {
        unexpected.computeIfAbsent("baseline update of 0 rows", k -> new LongAdder()).increment();
      }
      return 1;
    }

    @Override
    public void close() throws SQLException {
      if (connection != null) {
        update.close();
        connection.close();
      }
    }
  }

  private interface Client extends AutoCloseable {
    /** One operation; returns how many units (decrements, grants) it did. */
    int once() throws Exception;

    @Override
    default void close() throws Exception {}
  }

  @FunctionalInterface
  private interface Load {
    Client client();
  }

  /** {@code clients} closed-loop workers for {@code seconds}, started together. */
  private Result run(Load load, int clients, double seconds) throws InterruptedException {
    Result[] perWorker = new Result[clients];
    Thread[] workers = new Thread[clients];
    Throwable[] failure = new Throwable[1];
    CountDownLatch go = new CountDownLatch(1);
    for (int w = 0; w < clients; w++) {
      Result mine = perWorker[w] = new Result();
      workers[w] = Thread.ofPlatform().name("bench-grant-" + w).start(() -> {
        try (Client client = load.client()) {
          go.await();
          long deadline = System.nanoTime() + (long) (seconds * 1e9);
          while (System.nanoTime() < deadline) {
            long t0 = System.nanoTime();
            int units = client.once();
            mine.latency.recordValue((System.nanoTime() - t0) / 1_000);
            mine.requests += units;
          }
        } catch (Throwable e) {
          synchronized (failure) {
            failure[0] = e;
          }
        }
      });
    }
    CpuMeter.Reading cpuBefore = cpu.read();
    long start = System.nanoTime();
    go.countDown();
    for (Thread t : workers) {
      t.join();
    }
    Result total = new Result();
    total.nanos = System.nanoTime() - start;
    total.cpu = cpu.read().minus(cpuBefore);
    for (Result r : perWorker) {
      total.latency.add(r.latency);
      total.requests += r.requests;
    }
    if (failure[0] != null) {
      throw new IllegalStateException("a benchmark client failed", failure[0]);
    }
    return total;
  }

  private String poolSize() {
    return dataSource instanceof com.zaxxer.hikari.HikariDataSource h ? String.valueOf(h.getMaximumPoolSize()) : "?";
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static final class Result {
    final Histogram latency = new Histogram(60_000_000L, 3);
    long requests;
    long nanos;
    CpuMeter.Reading cpu = new CpuMeter.Reading(0, 0);

    void add(Result other) {
      latency.add(other.latency);
      requests += other.requests;
      nanos += other.nanos;
      cpu = cpu.plus(other.cpu);
    }

    /** CPU microseconds per unit, JVM + database. */
    String cpuPerUnit() {
      return String.format(java.util.Locale.ROOT, "%.0f + %.0f", cpu.jvm() * 1e6 / Math.max(1, requests),
          cpu.database() * 1e6 / Math.max(1, requests));
    }

    double rate() {
      return requests / (nanos / 1e9);
    }
  }
}
