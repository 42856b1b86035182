package dev.flywheel.event;

import static dev.flywheel.event.EventFixtures.anEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.event.EventFixtures.Api;
import dev.flywheel.event.EventFixtures.Reply;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code POST /api/v1/events}: acceptance, idempotent replay, and every rejection code over HTTP. */
@RunningFlywheel
class EventIngestionApiTest {
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
  void anAcceptedEventIsStoredAndAReplayIsAnsweredWithTheOriginalResult() {
    var event = anEvent(clock).type("drawdown").customer("cust-7").attr("amount", 1500.5).attr("loan_id", "L1")
        .with("channel", "sms").with("campaign", "june-giveback");

    Reply first = api.post("/api/v1/events", event.toJson());
    assertThat(first.status()).isEqualTo(201);
    assertThat(first.body().path("status").asString()).isEqualTo("accepted");
    assertThat(first.body().path("event_id").asString()).isEqualTo(event.id());
    long seq = first.body().path("seq").asLong();
    String receivedAt = first.body().path("received_at").asString();

    Reply replay = api.post("/api/v1/events", event.toJson());
    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.body().path("status").asString()).isEqualTo("duplicate");
    assertThat(replay.body().path("seq").asLong()).isEqualTo(seq);
    assertThat(replay.body().path("received_at").asString()).isEqualTo(receivedAt);

    assertThat(rows("events", event.id())).isEqualTo(1);
    assertThat(rows("event_keys", event.id())).isEqualTo(1);
    Reply stored = api.get("/api/v1/events/" + event.id());
    assertThat(stored.status()).isEqualTo(200);
    assertThat(stored.body().path("customer_id").asString()).isEqualTo("cust-7");
    assertThat(stored.body().path("attributes").path("amount").decimalValue()).isEqualByComparingTo("1500.50");
    assertThat(stored.body().path("channel").asString()).isEqualTo("sms");
    assertThat(stored.body().path("campaign").asString()).isEqualTo("june-giveback");
  }

  @Test
  void malformedJsonIsAProblem() {
    Reply reply = api.post("/api/v1/events", "{\"event_id\": ");
    assertProblem(reply, 400, "malformed-json");
  }

  @Test
  void anUnknownTypeIsRejectedOnTheTypeField() {
    Reply reply = api.post("/api/v1/events", anEvent(clock).type("teleported").toJson());
    assertProblem(reply, 422, "unknown-event-type");
    assertThat(reply.errors()).containsExactly(Map.entry("type", "unknown-event-type"));
  }

  @Test
  void aMissingOrMalformedCustomerIdIsRejected() {
    assertThat(api.post("/api/v1/events", anEvent(clock).customer(null).toJson()).errors())
        .containsExactly(Map.entry("customer_id", "invalid-customer-id"));
    Reply bad = api.post("/api/v1/events", anEvent(clock).customer("has space").toJson());
    assertProblem(bad, 422, "invalid-customer-id");
    assertThat(bad.errors()).containsExactly(Map.entry("customer_id", "invalid-customer-id"));
    assertThat(api.post("/api/v1/events", anEvent(clock).customer("x".repeat(65)).toJson()).code())
        .isEqualTo("invalid-customer-id");
  }

  @Test
  void anAttributeOfTheWrongTypeIsRejectedOnItsField() {
    Reply reply = api.post("/api/v1/events",
        anEvent(clock).type("investment").attr("amount", "1000").attr("product", "fund-a").attr("term_days", 90).toJson());
    assertProblem(reply, 422, "wrong-attribute-type");
    assertThat(reply.errors()).containsExactly(Map.entry("attributes.amount", "wrong-attribute-type"));

    assertThat(api.post("/api/v1/events", anEvent(clock).type("repayment").attr("amount", 10).attr("settled", "yes")
        .toJson()).errors()).containsExactly(Map.entry("attributes.settled", "wrong-attribute-type"));
    assertThat(api.post("/api/v1/events", anEvent(clock).type("repayment_due").attr("due_date", "2025-13-01")
        .toJson()).errors()).containsExactly(Map.entry("attributes.due_date", "wrong-attribute-type"));
    assertThat(api.post("/api/v1/events", anEvent(clock).type("overdue").attr("days", 2.5)
        .toJson()).errors()).containsExactly(Map.entry("attributes.days", "wrong-attribute-type"));
  }

  @Test
  void aMissingRequiredAttributeIsRejected() {
    Reply reply = api.post("/api/v1/events", anEvent(clock).type("drawdown").attr("loan_id", "L1").toJson());
    assertProblem(reply, 422, "missing-attribute");
    assertThat(reply.errors()).containsExactly(Map.entry("attributes.amount", "missing-attribute"));
  }

  @Test
  void moneyMustNotBeNegativeNorHaveMoreThanTwoDecimals() {
    Reply negative = api.post("/api/v1/events", anEvent(clock).type("repayment").attr("amount", -1).toJson());
    assertProblem(negative, 422, "negative-amount");
    assertThat(negative.errors()).containsExactly(Map.entry("attributes.amount", "negative-amount"));

    Reply fractions = api.post("/api/v1/events",
        "{\"event_id\":\"m-1\",\"customer_id\":\"c\",\"type\":\"repayment\",\"occurred_at\":\""
            + clock.instant().atOffset(ZoneOffset.ofHours(8)) + "\",\"attributes\":{\"amount\":12.345}}");
    assertProblem(fractions, 422, "too-many-decimals");
    assertThat(fractions.errors()).containsExactly(Map.entry("attributes.amount", "too-many-decimals"));

    Reply trailingZeros = api.post("/api/v1/events",
        "{\"event_id\":\"m-2\",\"customer_id\":\"c\",\"type\":\"repayment\",\"occurred_at\":\""
            + clock.instant().atOffset(ZoneOffset.ofHours(8)) + "\",\"attributes\":{\"amount\":12.300}}");
    assertThat(trailingZeros.status()).isEqualTo(201);
  }

  @Test
  void enumsAndIntegerBoundsAreEnforced() {
    assertThat(api.post("/api/v1/events", anEvent(clock).type("risk_decision").attr("result", "maybe").toJson())
        .errors()).containsExactly(Map.entry("attributes.result", "invalid-enum-value"));
    assertThat(api.post("/api/v1/events", anEvent(clock).type("overdue").attr("days", 0).toJson())
        .errors()).containsExactly(Map.entry("attributes.days", "out-of-range"));
  }

  @Test
  void unknownAttributesOnABuiltInTypeAreRejected() {
    Reply reply = api.post("/api/v1/events", anEvent(clock).type("app_login").attr("device", "ios").toJson());
    assertProblem(reply, 422, "unknown-attribute");
    assertThat(reply.errors()).containsExactly(Map.entry("attributes.device", "unknown-attribute"));
  }

  @Test
  void anEventTooFarInTheFutureIsRejectedButClockSkewWithinTheLimitIsNot() {
    Reply future = api.post("/api/v1/events", anEvent(clock).at(clock.instant().plus(Duration.ofMinutes(6))).toJson());
    assertProblem(future, 422, "occurred-in-future");
    assertThat(future.errors()).containsExactly(Map.entry("occurred_at", "occurred-in-future"));

    Reply skewed = api.post("/api/v1/events", anEvent(clock).at(clock.instant().plus(Duration.ofMinutes(4))).toJson());
    assertThat(skewed.status()).isEqualTo(201);
  }

  @Test
  void occurredAtNeedsAnOffsetAndIsRequired() {
    String local = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).toLocalDateTime().toString();
    assertThat(api.post("/api/v1/events", anEvent(clock).at(local).toJson()).errors())
        .containsExactly(Map.entry("occurred_at", "invalid-timestamp"));
    assertThat(api.post("/api/v1/events", anEvent(clock).with("occurred_at", null).toJson()).errors())
        .containsExactly(Map.entry("occurred_at", "missing-field"));
    assertThat(api.post("/api/v1/events", anEvent(clock).with("event_id", null).toJson()).errors())
        .containsExactly(Map.entry("event_id", "missing-field"));
    assertThat(api.post("/api/v1/events", anEvent(clock).id("x".repeat(129)).toJson()).errors())
        .containsExactly(Map.entry("event_id", "invalid-event-id"));
  }

  @Test
  void severalFaultsAreReportedTogetherUnderInvalidEvent() {
    Reply reply = api.post("/api/v1/events", anEvent(clock).customer("").type("drawdown").attr("amount", -5)
        .attr("colour", "red").with("event_id", 42).toJson());
    assertProblem(reply, 422, "invalid-event");
    assertThat(reply.errors()).containsOnly(
        Map.entry("event_id", "wrong-field-type"),
        Map.entry("customer_id", "invalid-customer-id"),
        Map.entry("attributes.colour", "unknown-attribute"),
        Map.entry("attributes.amount", "negative-amount"));
    assertThat(jdbc.sql("select count(*) from events where tenant_id = ?").param(tenantId).query(Long.class).single())
        .isZero();
  }

  @Test
  void anOversizeBodyIsRefused() {
    String huge = anEvent(clock).type("page_view").attr("page", "x".repeat(4_200_000)).toJson();
    Reply reply = api.post("/api/v1/events", huge);
    assertProblem(reply, 413, "body-too-large");
  }

  private void assertProblem(Reply reply, int status, String code) {
    assertThat(reply.status()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.code()).isEqualTo(code);
  }

  private long rows(String table, String eventId) {
    return jdbc.sql("select count(*) from " + table + " where tenant_id = :t and event_id = :id")
        .param("t", tenantId).param("id", eventId).query(Long.class).single();
  }
}
