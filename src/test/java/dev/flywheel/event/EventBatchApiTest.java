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
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/events/batch}: per-item results in order, valid items stored, repeats once. */
@RunningFlywheel
class EventBatchApiTest {
  @Autowired TestTenants tenants;
  @Autowired Clock clock;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;
  Api api;
  long tenantId;

  @BeforeEach
  void tenant() {
    var tenant = tenants.create();
    tenantId = tenant.id();
    api = Api.at(port, tenant.apiKey());
  }

  @Test
  void aMixedBatchStoresTheValidItemsAndAnswersEachInOrder() {
    EventBuilder login = anEvent(clock).customer("c-1");
    EventBuilder repayment = anEvent(clock).customer("c-1").type("repayment").attr("amount", 300);
    EventBuilder badAmount = anEvent(clock).customer("c-2").type("repayment").attr("amount", -3);
    EventBuilder unknown = anEvent(clock).customer("c-2").type("nope");
    EventBuilder repeatOfLogin = anEvent(clock).id(login.id()).customer("c-1");

    Reply reply = api.post("/api/v1/events/batch", EventFixtures.batch(List.of(login, repayment, badAmount, unknown, repeatOfLogin)));

    assertThat(reply.status()).isEqualTo(200);
    JsonNode results = reply.body().path("results");
    assertThat(results.size()).isEqualTo(5);
    assertThat(statuses(results)).containsExactly("accepted", "accepted", "rejected", "rejected", "duplicate");
    assertThat(results.get(0).path("index").asInt()).isZero();
    assertThat(results.get(2).path("code").asString()).isEqualTo("negative-amount");
    assertThat(results.get(2).path("errors").get(0).path("field").asString()).isEqualTo("events[2].attributes.amount");
    assertThat(results.get(3).path("code").asString()).isEqualTo("unknown-event-type");
    assertThat(results.get(3).path("errors").get(0).path("field").asString()).isEqualTo("events[3].type");
    assertThat(results.get(4).path("seq").asLong()).isEqualTo(results.get(0).path("seq").asLong());
    assertThat(results.get(4).path("received_at").asString()).isEqualTo(results.get(0).path("received_at").asString());
    assertThat(results.get(1).path("seq").asLong()).isGreaterThan(results.get(0).path("seq").asLong());
    assertThat(reply.body().path("accepted").asInt()).isEqualTo(2);
    assertThat(reply.body().path("duplicates").asInt()).isEqualTo(1);
    assertThat(reply.body().path("rejected").asInt()).isEqualTo(2);

    assertThat(storedIds()).containsExactlyInAnyOrder(login.id(), repayment.id());
    assertThat(jdbc.sql("select count(*) from event_keys where tenant_id = ?").param(tenantId).query(Long.class).single())
        .isEqualTo(2);
  }

  @Test
  void aReplayedBatchIsAllDuplicatesWithTheOriginalSequenceNumbers() {
    List<EventBuilder> events = IntStream.range(0, 20).mapToObj(i -> anEvent(clock).customer("c-" + i)).toList();
    Reply first = api.post("/api/v1/events/batch", EventFixtures.batch(events));
    Reply second = api.post("/api/v1/events/batch", EventFixtures.batch(events));

    assertThat(statuses(first.body().path("results"))).containsOnly("accepted");
    assertThat(statuses(second.body().path("results"))).containsOnly("duplicate");
    for (int i = 0; i < 20; i++) {
      assertThat(second.body().path("results").get(i).path("seq").asLong())
          .isEqualTo(first.body().path("results").get(i).path("seq").asLong());
    }
    assertThat(storedIds()).hasSize(20);
  }

  @Test
  void aThousandEventsFitInOneBatchButOneMoreIsRefused() {
    List<EventBuilder> thousand = IntStream.range(0, 1000)
        .mapToObj(i -> anEvent(clock).customer("c-" + (i % 37)).type("page_view").attr("page", "home")).toList();
    Reply ok = api.post("/api/v1/events/batch", EventFixtures.batch(thousand));
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body().path("accepted").asInt()).isEqualTo(1000);

    List<EventBuilder> tooMany = new ArrayList<>(thousand);
    tooMany.add(anEvent(clock));
    Reply refused = api.post("/api/v1/events/batch", EventFixtures.batch(tooMany));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.code()).isEqualTo("batch-too-large");
    assertThat(refused.errors()).containsKey("events");
    assertThat(storedIds()).hasSize(1000);
  }

  @Test
  void aBodyWithoutAnEventsArrayIsAProblem() {
    Reply reply = api.post("/api/v1/events/batch", "{\"items\": []}");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo("invalid-batch");
    assertThat(api.post("/api/v1/events/batch", "{\"events\": [").code()).isEqualTo("malformed-json");
  }

  @Test
  void anItemThatIsNotAnObjectIsRejectedAlone() {
    EventBuilder good = anEvent(clock);
    Reply reply = api.post("/api/v1/events/batch", "{\"events\": [42, " + good.toJson() + "]}");
    assertThat(statuses(reply.body().path("results"))).containsExactly("rejected", "accepted");
    assertThat(reply.body().path("results").get(0).path("errors").get(0).path("field").asString()).isEqualTo("events[0]");
  }

  private static List<String> statuses(JsonNode results) {
    List<String> statuses = new ArrayList<>();
    results.forEach(r -> statuses.add(r.path("status").asString()));
    return statuses;
  }

  private List<String> storedIds() {
    return jdbc.sql("select event_id from events where tenant_id = ?").param(tenantId).query(String.class).list();
  }
}
