package dev.flywheel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.event.IncomingEvent;
import dev.flywheel.event.types.AttributeJson;
import dev.flywheel.simulator.SimulatedEvents;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Single-event {@code POST /api/v1/events} throughput over real HTTP at 1, 8 and 32 concurrent
 * closed-loop clients, against a baseline measured in the same run at the same concurrency:
 * {@code GET /api/v1/whoami} (API-key authentication plus a trivial handler, no database write).
 * Each level runs several rounds alternating baseline and events. Client and server share the
 * machine's CPUs, so the figures are relative, not capacity numbers. Tables are analysed after
 * the warm-up ({@link BenchSettings#analyze}). Asserts correctness only:
 * every POST answered 201 and every one stored.
 */
@RunningFlywheel
class HttpIngestionBenchmarkTest {
  private static final int DISTINCT_BODIES = 20_000;

  @Autowired TestTenants tenants;
  @Autowired JdbcClient jdbc;
  @Autowired Clock clock;
  @LocalServerPort int port;

  private List<Map<String, Object>> templates;
  private final AtomicLong nextEvent = new AtomicLong();
  private final Map<Integer, LongAdder> unexpected = new ConcurrentHashMap<>();
  private final LongAdder created = new LongAdder();
  private CpuMeter cpu;

  @Test
  void singleEventPostsAgainstWhoAmIAtSeveralConcurrencies() throws InterruptedException {
    int[] levels = Arrays.stream(System.getProperty("flywheel.bench.http.clients", "1,8,32").split(","))
        .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    double seconds = BenchSettings.decimal("http.seconds", 0.6);
    int rounds = BenchSettings.integer("http.rounds", 2);
    double warmupSeconds = BenchSettings.decimal("http.warmup-seconds", 0.5);
    cpu = CpuMeter.of(jdbc);
    var tenant = tenants.create();
    Instant end = clock.instant().minus(Duration.ofHours(1));
    templates = SimulatedEvents.stream(7, Integer.MAX_VALUE, 365, end, "H" + tenant.id() + "-")
        .limit(DISTINCT_BODIES).map(HttpIngestionBenchmarkTest::json).toList();
    String base = "http://localhost:" + port;
    HttpRequest whoami = HttpRequest.newBuilder(URI.create(base + "/api/v1/whoami"))
        .header("Authorization", "Bearer " + tenant.apiKey()).GET().build();
    URI events = URI.create(base + "/api/v1/events");
    Load baseline = client -> client.send(whoami, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    Load posting = client -> {
      int status = client.send(HttpRequest.newBuilder(events)
          .header("Authorization", "Bearer " + tenant.apiKey()).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(nextBody())).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status == 201) {
        created.increment();
        return true;
      }
      unexpected.computeIfAbsent(status, s -> new LongAdder()).increment();
      return false;
    };

    int most = Arrays.stream(levels).max().orElse(1);
    run(baseline, most, warmupSeconds);
    run(posting, most, warmupSeconds);
    BenchSettings.analyze(jdbc);
    BenchReport report = new BenchReport("Single-event HTTP ingestion vs GET /api/v1/whoami")
        .line("Closed loop: each client sends its next request when the previous one is answered. "
            + "Per level %d rounds of %.1f s per endpoint, alternating which goes first, after %.1f s warm-up "
            + "of each, then tables analysed: %s. `java.net.http.HttpClient` (HTTP/1.1, keep-alive), "
            + "client and server on the same machine.",
            rounds, seconds / rounds, warmupSeconds, BenchSettings.analyzing() ? "yes" : "no")
        .line("")
        .header("clients", "whoami req/s", "whoami p50 ms", "whoami p99 ms",
            "POST /events req/s", "events p50 ms", "events p99 ms", "ratio events/whoami",
            "whoami CPU µs/req (JVM + PG)", "events CPU µs/req (JVM + PG)");
    for (int clients : levels) {
      Result base0 = new Result();
      Result real0 = new Result();
      for (int r = 0; r < rounds; r++) {
        if (r % 2 == 0) {
          base0.add(run(baseline, clients, seconds / rounds));
          real0.add(run(posting, clients, seconds / rounds));
        } else {
          real0.add(run(posting, clients, seconds / rounds));
          base0.add(run(baseline, clients, seconds / rounds));
        }
      }
      report.row(clients, BenchReport.rate(base0.rate()), BenchReport.ms(base0.latency, 50),
          BenchReport.ms(base0.latency, 99), BenchReport.rate(real0.rate()), BenchReport.ms(real0.latency, 50),
          BenchReport.ms(real0.latency, 99), BenchReport.ratio(real0.rate() / base0.rate()),
          base0.cpuPerRequest(), real0.cpuPerRequest());
      assertThat(base0.failures).as("whoami answers other than 200").isZero();
    }
    report.publish("http");

    assertThat(unexpected).as("POST answers other than 201, by status").isEmpty();
    long stored = jdbc.sql("select count(*) from events where tenant_id = ?").param(tenant.id())
        .query(Long.class).single();
    assertThat(stored).isEqualTo(created.sum()).isEqualTo(nextEvent.get());
  }

  /** Event i is template i mod n under a fresh id, so every POST is new and none is a replay. */
  private byte[] nextBody() {
    long i = nextEvent.getAndIncrement();
    Map<String, Object> body = new LinkedHashMap<>(templates.get((int) (i % templates.size())));
    body.put("event_id", body.get("event_id") + "-" + i / templates.size());
    return AttributeJson.MAPPER.writeValueAsBytes(body);
  }

  private static Map<String, Object> json(IncomingEvent e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("event_id", e.eventId());
    body.put("customer_id", e.customerId());
    body.put("type", e.type());
    body.put("occurred_at", e.occurredAt().toString());
    body.put("attributes", e.attributes());
    if (e.channel() != null) {
      body.put("channel", e.channel());
    }
    return body;
  }

  @FunctionalInterface
  private interface Load {
    /** Sends one request and waits for the answer; false when it was not the expected one. */
    boolean once(HttpClient client) throws Exception;
  }

  /** {@code clients} closed-loop workers for {@code seconds}; a few shared {@link HttpClient}s. */
  private Result run(Load load, int clients, double seconds) throws InterruptedException {
    List<HttpClient> pool = new ArrayList<>();
    for (int i = 0; i < Math.min(clients, 4); i++) {
      pool.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5)).build());
    }
    Result[] perWorker = new Result[clients];
    Thread[] workers = new Thread[clients];
    long start = System.nanoTime();
    long deadline = start + (long) (seconds * 1e9);
    for (int w = 0; w < clients; w++) {
      Result mine = perWorker[w] = new Result();
      HttpClient client = pool.get(w % pool.size());
      workers[w] = Thread.ofPlatform().name("bench-client-" + w).start(() -> {
        try {
          while (System.nanoTime() < deadline) {
            long t0 = System.nanoTime();
            boolean ok = load.once(client);
            mine.latency.recordValue((System.nanoTime() - t0) / 1_000);
            mine.requests++;
            mine.failures += ok ? 0 : 1;
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
    }
    CpuMeter.Reading cpuBefore = cpu.read();
    for (Thread t : workers) {
      t.join();
    }
    Result total = new Result();
    total.nanos = System.nanoTime() - start;
    total.cpu = cpu.read().minus(cpuBefore);
    for (Result r : perWorker) {
      total.latency.add(r.latency);
      total.requests += r.requests;
      total.failures += r.failures;
    }
    pool.forEach(HttpClient::close);
    return total;
  }

  private static final class Result {
    final Histogram latency = new Histogram(60_000_000L, 3);
    long requests;
    long failures;
    long nanos;
    CpuMeter.Reading cpu = new CpuMeter.Reading(0, 0);

    /** CPU microseconds per request, JVM (server and clients) + database. */
    String cpuPerRequest() {
      return String.format(java.util.Locale.ROOT, "%.0f + %.0f", cpu.jvm() * 1e6 / Math.max(1, requests),
          cpu.database() * 1e6 / Math.max(1, requests));
    }

    void add(Result other) {
      latency.add(other.latency);
      requests += other.requests;
      failures += other.failures;
      nanos += other.nanos;
      cpu = cpu.plus(other.cpu);
    }

    double rate() {
      return requests / (nanos / 1e9);
    }
  }
}
