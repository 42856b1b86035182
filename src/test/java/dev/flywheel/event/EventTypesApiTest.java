package dev.flywheel.event;

import static dev.flywheel.event.EventFixtures.anEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.event.EventFixtures.Api;
import dev.flywheel.event.EventFixtures.Reply;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The event-type registry over HTTP and its Java API: built-ins, custom types, isolation, clashes. */
@RunningFlywheel
class EventTypesApiTest {
  private static final String COUPON_CLAIMED = """
      {"name": "coupon_claimed", "description": "A customer claimed a coupon",
       "attributes": {"coupon": {"type": "string", "required": true},
                      "value": {"type": "money", "required": false},
                      "tier": {"type": "enum", "required": false, "values": ["gold", "silver"]}}}""";
  @Autowired TestTenants tenants;
  @Autowired EventTypes types;
  @Autowired Clock clock;
  @LocalServerPort int port;
  TestTenants.TestTenant tenant;
  Api api;

  @BeforeEach
  void tenant() {
    tenant = tenants.create();
    api = Api.at(port, tenant.apiKey());
  }

  @Test
  void theBuiltInFinanceTypesAreListedWithTheirSchemas() {
    Reply reply = api.get("/api/v1/event-types");
    assertThat(reply.status()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    reply.body().forEach(t -> names.add(t.path("name").asString()));
    assertThat(names).containsExactly("registered", "app_login", "application_step", "risk_decision",
        "funder_decision", "drawdown", "repayment_due", "repayment", "overdue", "investment",
        "investment_cancelled", "redemption", "share", "page_view", "message_click",
        "message_delivered", "coupon_redeemed", "write_off");

    Reply investment = api.get("/api/v1/event-types/investment");
    assertThat(investment.body().path("built_in").asBoolean()).isTrue();
    assertThat(investment.body().path("attributes").path("amount").path("type").asString()).isEqualTo("money");
    assertThat(investment.body().path("attributes").path("amount").path("required").asBoolean()).isTrue();
    assertThat(investment.body().path("attributes").path("term_days").path("minimum").asLong()).isEqualTo(1);
    assertThat(api.get("/api/v1/event-types/registered").body().path("attributes").path("platform").path("values")
        .toString()).isEqualTo("[\"app\",\"h5\",\"mini_program\"]");
  }

  @Test
  void aTenantDefinesItsOwnTypeAndSendsEventsOfIt() {
    Reply defined = api.post("/api/v1/event-types", COUPON_CLAIMED);
    assertThat(defined.status()).isEqualTo(201);
    assertThat(defined.body().path("built_in").asBoolean()).isFalse();

    Reply fetched = api.get("/api/v1/event-types/coupon_claimed");
    assertThat(fetched.status()).isEqualTo(200);
    assertThat(fetched.body().path("attributes").path("tier").path("values").size()).isEqualTo(2);
    assertThat(types.list(tenant.id())).extracting(EventType::name).contains("coupon_claimed", "drawdown");

    assertThat(api.post("/api/v1/events", anEvent(clock).type("coupon_claimed").attr("coupon", "C-1")
        .attr("value", 5.5).attr("tier", "gold").toJson()).status()).isEqualTo(201);
    Reply bad = api.post("/api/v1/events", anEvent(clock).type("coupon_claimed").attr("value", 1.234)
        .attr("tier", "bronze").toJson());
    assertThat(bad.code()).isEqualTo("invalid-event");
    assertThat(bad.errors()).containsOnly(Map.entry("attributes.coupon", "missing-attribute"),
        Map.entry("attributes.value", "too-many-decimals"), Map.entry("attributes.tier", "invalid-enum-value"));
  }

  @Test
  void anotherTenantDoesNotSeeTheType() {
    api.post("/api/v1/event-types", COUPON_CLAIMED);
    Api other = Api.at(port, tenants.create().apiKey());
    assertThat(other.get("/api/v1/event-types/coupon_claimed").status()).isEqualTo(404);
    assertThat(other.get("/api/v1/event-types/coupon_claimed").code()).isEqualTo("not-found");
    assertThat(other.post("/api/v1/events", anEvent(clock).type("coupon_claimed").attr("coupon", "C").toJson()).code())
        .isEqualTo("unknown-event-type");
    assertThat(other.post("/api/v1/event-types", COUPON_CLAIMED).status()).isEqualTo(201);
  }

  @Test
  void aCustomTypeMayNotShadowABuiltInNorBeDefinedTwice() {
    Reply shadow = api.post("/api/v1/event-types", """
        {"name": "drawdown", "attributes": {}}""");
    assertThat(shadow.status()).isEqualTo(409);
    assertThat(shadow.code()).isEqualTo("shadows-built-in");

    assertThat(api.post("/api/v1/event-types", COUPON_CLAIMED).status()).isEqualTo(201);
    Reply again = api.post("/api/v1/event-types", COUPON_CLAIMED);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.code()).isEqualTo("type-exists");
  }

  @Test
  void aBadDefinitionNamesItsFaults() {
    Reply badName = api.post("/api/v1/event-types", """
        {"name": "Bad-Name", "attributes": {}}""");
    assertThat(badName.status()).isEqualTo(422);
    assertThat(badName.code()).isEqualTo("invalid-type-name");
    assertThat(badName.errors()).containsExactly(Map.entry("name", "invalid-type-name"));

    Reply badAttributes = api.post("/api/v1/event-types", """
        {"name": "odd_one", "attributes": {"size": {"type": "huge"}, "kind": {"type": "enum"}}}""");
    assertThat(badAttributes.code()).isEqualTo("invalid-event-type");
    assertThat(badAttributes.errors()).containsOnly(Map.entry("attributes.size.type", "unknown-attribute-type"),
        Map.entry("attributes.kind.values", "missing-enum-values"));
  }
}
