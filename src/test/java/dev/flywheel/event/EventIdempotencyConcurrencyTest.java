package dev.flywheel.event;

import static dev.flywheel.event.EventFixtures.anEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.event.EventFixtures.Api;
import dev.flywheel.event.EventFixtures.EventBuilder;
import dev.flywheel.event.EventFixtures.Reply;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Many clients replaying the same event ids at once, in different orders and mixes of single and
 * batch calls: every id is stored exactly once, accepted exactly once, and every duplicate answer
 * carries the accepted seq. No deadlocks, no 500s.
 */
@RunningFlywheel
class EventIdempotencyConcurrencyTest {
  private static final int THREADS = 12;
  private static final int IDS = 60;
  @Autowired TestTenants tenants;
  @Autowired Clock clock;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;

  @Test
  void concurrentReplaysStoreEachEventExactlyOnce() throws Exception {
    var tenant = tenants.create();
    Api api = Api.at(port, tenant.apiKey());
    List<EventBuilder> events = IntStream.range(0, IDS)
        .mapToObj(i -> anEvent(clock).id("race-" + i).customer("c-" + (i % 7)).type("repayment").attr("amount", i))
        .toList();
    Map<String, List<String>> statusesById = new ConcurrentHashMap<>();
    Map<String, List<Long>> seqsById = new ConcurrentHashMap<>();
    CountDownLatch start = new CountDownLatch(1);

    List<Callable<Void>> clients = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      clients.add(() -> {
        List<EventBuilder> mine = new ArrayList<>(events);
        Collections.shuffle(mine, new Random(thread));
        start.await();
        if (thread % 3 == 0) {
          for (EventBuilder e : mine.subList(0, 15)) {
            Reply r = api.post("/api/v1/events", e.toJson());
            assertThat(r.status()).isIn(200, 201);
            record(statusesById, seqsById, r.body().path("event_id").asString(), r.body().path("status").asString(),
                r.body().path("seq").asLong());
          }
        } else {
          Reply r = api.post("/api/v1/events/batch", EventFixtures.batch(mine));
          assertThat(r.status()).isEqualTo(200);
          r.body().path("results").forEach(item -> record(statusesById, seqsById, item.path("event_id").asString(),
              item.path("status").asString(), item.path("seq").asLong()));
        }
        return null;
      });
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Void>> done = new ArrayList<>();
      clients.forEach(c -> done.add(pool.submit(c)));
      start.countDown();
      for (Future<Void> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    Map<String, Long> stored = new HashMap<>();
    jdbc.sql("select event_id, count(*) from events where tenant_id = ? group by event_id").param(tenant.id())
        .query((rs, row) -> stored.put(rs.getString(1), rs.getLong(2))).list();
    assertThat(stored).hasSize(IDS).allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
    assertThat(jdbc.sql("select count(*) from event_keys where tenant_id = ?").param(tenant.id())
        .query(Long.class).single()).isEqualTo(IDS);
    for (EventBuilder e : events) {
      assertThat(statusesById.get(e.id())).filteredOn("accepted"::equals).hasSize(1);
      assertThat(seqsById.get(e.id()).stream().distinct()).hasSize(1);
    }
  }

  private static void record(Map<String, List<String>> statuses, Map<String, List<Long>> seqs, String id,
      String status, long seq) {
    statuses.computeIfAbsent(id, k -> Collections.synchronizedList(new ArrayList<>())).add(status);
    seqs.computeIfAbsent(id, k -> Collections.synchronizedList(new ArrayList<>())).add(seq);
  }
}
