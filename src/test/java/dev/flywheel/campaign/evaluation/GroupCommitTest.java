package dev.flywheel.campaign.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.campaign.Asset;
import dev.flywheel.campaign.EffectDefinition;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.support.RunningFlywheel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Concurrent single {@code POST /api/v1/events} share group transactions
 * ({@code flywheel.events.group-commit}, on by default): each event is stored once and each
 * caller is answered with its own result and its own committed effects.
 */
@RunningFlywheel
class GroupCommitTest extends EvaluationScenario {
  @Autowired EventIngestion ingestion;

  @Test
  void concurrentSinglePostsAreEachStoredOnceAndAnsweredWithTheirOwnEffects() throws Exception {
    long id = aCampaign("One point per investment").budget(Asset.POINTS, 1_000_000)
        .rule(rule("point", "true", EffectDefinition.Grant.of(Asset.POINTS, "1"))).approved();
    day(0);
    long groupsBefore = ingestion.groupCommitStats().groups();
    long eventsBefore = ingestion.groupCommitStats().events();
    int clients = 32;
    int perClient = 5;
    List<List<Object[]>> answers = race(clients, n -> {
      List<Object[]> mine = new ArrayList<>();
      for (int k = 0; k < perClient; k++) {
        String customer = "gc-" + n + "-" + k;
        String eventId = newId("gc");
        Response r = post("/api/v1/events", investment(eventId, customer, clock.instant(), "100"));
        mine.add(new Object[] {eventId, customer, r});
      }
      return mine;
    });
    List<Long> grantIds = new ArrayList<>();
    for (List<Object[]> mine : answers) {
      for (Object[] a : mine) {
        Response r = (Response) a[2];
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.eventId()).isEqualTo(a[0]);
        assertThat(r.grants()).singleElement().satisfies(g -> {
          assertThat(g.get("customer_id")).isEqualTo(a[1]);
          assertThat(((Number) g.get("campaign_id")).longValue()).isEqualTo(id);
          assertThat(((Number) g.get("amount")).longValue()).isEqualTo(1);
          grantIds.add(((Number) g.get("grant_id")).longValue());
        });
        // the answer's grant is the one stored for this very event
        assertThat(ledger.grantsFor(tenant.id(), (String) a[0])).singleElement()
            .satisfies(g -> assertThat(g.id()).isEqualTo(grantIds.getLast()));
      }
    }
    assertThat(grantIds).doesNotHaveDuplicates().hasSize(clients * perClient);
    assertThat(grants(id)).isEqualTo(clients * perClient);
    assertThat(jdbc.sql("select count(*) from events where tenant_id = ?").param(tenant.id()).query(Long.class).single())
        .isEqualTo(clients * perClient);
    var stats = ingestion.groupCommitStats();
    System.out.printf("group commit: %d events in %d groups%n", stats.events() - eventsBefore,
        stats.groups() - groupsBefore);
    assertThat(stats.events() - eventsBefore).isGreaterThanOrEqualTo(clients * perClient);
    ledgerInvariantsHold();
  }

  @Test
  void concurrentRepeatsOfOneEventAreStoredOnceAndAllAnswerTheOriginalsEffects() throws Exception {
    long id = aCampaign("Repeats").budget(Asset.POINTS, 1_000)
        .rule(rule("point", "true", EffectDefinition.Grant.of(Asset.POINTS, "3"))).approved();
    day(0);
    Map<String, Object> event = investment(newId("rep"), "repeater", clock.instant(), "100");
    List<Response> responses = race(16, n -> post("/api/v1/events", event));
    assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
    assertThat(responses).filteredOn(r -> r.status() == 200).hasSize(15);
    Object grantId = responses.getFirst().grants().getFirst().get("grant_id");
    assertThat(responses).allSatisfy(r -> assertThat(r.grants()).singleElement()
        .satisfies(g -> assertThat(g.get("grant_id")).isEqualTo(grantId)));
    assertThat(grants(id)).isEqualTo(1);
    assertThat(balance("repeater", dev.flywheel.ledger.Asset.POINTS).available()).isEqualTo(3);
    ledgerInvariantsHold();
  }

  interface Call<T> {
    T call(int n) throws Exception;
  }

  private static <T> List<T> race(int clients, Call<T> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        int n = i;
        futures.add(pool.submit((Callable<T>) () -> {
          start.await();
          return call.call(n);
        }));
      }
      start.countDown();
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(f.get(120, TimeUnit.SECONDS));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
