package dev.flywheel.event;

import static dev.flywheel.event.EventFixtures.anEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.event.EventFixtures.Api;
import dev.flywheel.event.EventFixtures.EventBuilder;
import dev.flywheel.event.EventFixtures.Reply;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Reading events back over HTTP, and tenant isolation of reads and of idempotency keys. */
@RunningFlywheel
class EventReadApiTest {
  @Autowired TestTenants tenants;
  @Autowired Clock clock;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;

  @Test
  void aCustomersEventsComeNewestFirstInPages() {
    Api api = Api.at(port, tenants.create().apiKey());
    List<EventBuilder> events = new ArrayList<>();
    for (int i = 0; i < 5; i++) { // sent out of order: occurred 5, 1, 4, 2, 3 hours ago ...
      int hoursAgo = new int[] {5, 1, 4, 2, 3}[i];
      events.add(anEvent(clock).customer("cust-9").id("ev-" + hoursAgo).at(clock.instant().minus(Duration.ofHours(hoursAgo))));
    }
    events.add(anEvent(clock).customer("someone-else"));
    api.post("/api/v1/events/batch", EventFixtures.batch(events));

    Reply page1 = api.get("/api/v1/customers/cust-9/events?limit=3");
    assertThat(page1.status()).isEqualTo(200);
    assertThat(ids(page1.body())).containsExactly("ev-1", "ev-2", "ev-3");
    long lastSeq = page1.body().path("events").get(2).path("seq").asLong();
    Reply page2 = api.get("/api/v1/customers/cust-9/events?limit=3&before=" + lastSeq);
    assertThat(ids(page2.body())).containsExactly("ev-4", "ev-5");

    assertThat(ids(api.get("/api/v1/customers/nobody/events").body())).isEmpty();
  }

  @Test
  void oneEventIsReadByItsEventId() {
    Api api = Api.at(port, tenants.create().apiKey());
    EventBuilder e = anEvent(clock).type("funder_decision").customer("c-3").attr("funder", "bank-a")
        .attr("result", "approved").attr("credit_line", 20000);
    api.post("/api/v1/events", e.toJson());

    Reply reply = api.get("/api/v1/events/" + e.id());
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().path("type").asString()).isEqualTo("funder_decision");
    assertThat(reply.body().path("attributes").path("credit_line").decimalValue()).isEqualByComparingTo("20000.00");
    assertThat(reply.body().path("occurred_at").asString()).isNotBlank();
    Reply missing = api.get("/api/v1/events/never-sent");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.code()).isEqualTo("not-found");
  }

  @Test
  void aTenantCannotReadAnotherTenantsEventsAndItsReplayOfTheSameIdIsItsOwn() {
    var a = tenants.create();
    var b = tenants.create();
    Api apiA = Api.at(port, a.apiKey());
    Api apiB = Api.at(port, b.apiKey());
    EventBuilder ofB = anEvent(clock).customer("shared-customer").type("repayment").attr("amount", 99);
    Reply storedByB = apiB.post("/api/v1/events", ofB.toJson());
    assertThat(storedByB.status()).isEqualTo(201);

    assertThat(apiA.get("/api/v1/events/" + ofB.id()).status()).isEqualTo(404);
    assertThat(ids(apiA.get("/api/v1/customers/shared-customer/events").body())).isEmpty();

    EventBuilder replayByA = anEvent(clock).id(ofB.id()).customer("shared-customer").type("repayment").attr("amount", 1);
    Reply storedByA = apiA.post("/api/v1/events", replayByA.toJson());
    assertThat(storedByA.status()).isEqualTo(201);
    assertThat(storedByA.body().path("status").asString()).isEqualTo("accepted");
    assertThat(storedByA.body().path("seq").asLong()).isNotEqualTo(storedByB.body().path("seq").asLong());

    assertThat(apiA.get("/api/v1/events/" + ofB.id()).body().path("attributes").path("amount").decimalValue())
        .isEqualByComparingTo("1");
    Reply stillB = apiB.get("/api/v1/events/" + ofB.id());
    assertThat(stillB.body().path("attributes").path("amount").decimalValue()).isEqualByComparingTo("99");
    assertThat(stillB.body().path("seq").asLong()).isEqualTo(storedByB.body().path("seq").asLong());
    assertThat(jdbc.sql("select count(*) from events where tenant_id = ? and event_id = ?").param(b.id()).param(ofB.id())
        .query(Long.class).single()).isEqualTo(1);
  }

  private static List<String> ids(JsonNode body) {
    List<String> ids = new ArrayList<>();
    body.path("events").forEach(e -> ids.add(e.path("event_id").asString()));
    return ids;
  }
}
