package dev.flywheel.reach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.customer.Customers;
import dev.flywheel.reach.template.StickyChoice;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Templates, variants and settings over HTTP, with their problem details. */
@RunningFlywheel
class ReachApiTest {
  @Autowired TestTenants tenants;
  @Autowired Customers customers;
  @LocalServerPort int port;

  private static Map<String, Object> variant(String name, int weight, String body) {
    return Map.of("name", name, "weight", weight, "body", body);
  }

  @Test
  void anUnknownVariableIsCaughtWhenTheTemplateIsSaved() {
    ApiClient api = new ApiClient(port, tenants.create().apiKey());
    var bad = api.post("/api/v1/reach/templates", Map.of("key", "recall", "channel", "SMS", "variants", List.of(
        variant("caring", 1, "Hi ${customer.name}"), variant("official", 1, "Dear ${customer.nmae}, ${coupon}"))));
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.code()).isEqualTo("invalid-template");
    List<Map<String, Object>> errors = bad.get("errors");
    assertThat(errors).extracting(e -> e.get("field")).containsExactly("variants[1].body", "variants[1].body");
    assertThat(errors).extracting(e -> e.get("code")).containsOnly("unknown-variable");
    assertThat(bad.raw()).contains("${customer.nmae}", "${coupon}");
    assertThat(api.get("/api/v1/reach/templates").<List<?>>get("templates")).isEmpty();
    var badChannel = api.post("/api/v1/reach/templates", Map.of("key", "x", "channel", "FAX", "variants", List.of()));
    assertThat(badChannel.raw()).contains("\"field\":\"channel\"", "\"field\":\"variants\"");
  }

  @Test
  void templatesAreVersionedAndVariantsStickPerCustomer() {
    var tenant = tenants.create();
    ApiClient api = new ApiClient(port, tenant.apiKey());
    var created = api.post("/api/v1/reach/templates", Map.of("key", "recall", "channel", "PUSH", "variants",
        List.of(variant("caring", 1, "We miss you, ${customer.name}"), variant("activity", 1, "New ${value.offer}"),
            variant("conversational", 1, "Hey ${customer.name}!"), variant("official", 1, "Notice from ${tenant.name}"))));
    assertThat(created.status()).isEqualTo(201);
    long id = ((Number) created.get("id")).longValue();
    var updated = api.put("/api/v1/reach/templates/" + id, Map.of("variants",
        List.of(variant("caring", 3, "We miss you, ${customer.name}"), variant("official", 1, "Notice"))));
    assertThat(updated.<Integer>get("version")).isEqualTo(2);
    assertThat(api.get("/api/v1/reach/templates/" + id + "/versions").<List<?>>get("versions")).hasSize(2);

    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 40; i++) {
      String customer = "s-" + i;
      customers.saveProfile(tenant.id(), customer, Map.of("name", "Li Lei", "attributes", Map.of("push_token", "t")));
      var first = api.post("/api/v1/reach/messages", Map.of("customer_id", customer, "channel", "PUSH",
          "category", "MARKETING", "template", "recall", "dedupe_key", "a-" + i));
      var second = api.post("/api/v1/reach/messages", Map.of("customer_id", customer, "channel", "PUSH",
          "category", "MARKETING", "template", "recall", "dedupe_key", "b-" + i));
      assertThat(first.status()).isEqualTo(201);
      assertThat(second.<String>get("variant")).as("sticky").isEqualTo(first.get("variant"));
      String expected = StickyChoice.pick("template/" + id, customer, List.of("caring", "caring", "caring",
          "official"), v -> 1);
      assertThat(first.<String>get("variant")).isEqualTo(expected);
      counts.merge(first.get("variant"), 1, Integer::sum);
    }
    assertThat(counts).containsOnlyKeys("caring", "official");
    var preview = api.post("/api/v1/reach/templates/" + id + "/preview",
        Map.of("variant", "caring", "customer_id", "s-1"));
    assertThat(preview.<String>get("body")).isEqualTo("We miss you, Li Lei");
    assertThat(api.delete("/api/v1/reach/templates/" + id).status()).isEqualTo(204);
    var refused = api.post("/api/v1/reach/messages", Map.of("customer_id", "s-1", "channel", "PUSH",
        "category", "MARKETING", "template", "recall", "dedupe_key", "c-1"));
    assertThat(refused.code()).isEqualTo("unknown-template");
  }

  @Test
  void settingsAreValidatedFieldByFieldAndSaved() {
    ApiClient api = new ApiClient(port, tenants.create().apiKey());
    var defaults = api.get("/api/v1/reach/settings");
    assertThat(defaults.<Integer>get("caps.PUSH.per_day")).isEqualTo(1);
    assertThat(defaults.<Integer>get("total_per_week")).isEqualTo(4);
    assertThat(defaults.<List<String>>get("h5_only_channels")).containsExactly("SMS", "ROBOCALL");
    var bad = api.put("/api/v1/reach/settings", Map.of("caps", Map.of("FAX", Map.of("per_day", 1),
        "SMS", Map.of("per_day", 3, "per_week", 2)), "quiet_hours", Map.of("start", "25:00", "end", "09:00",
        "channels", List.of("SMS")), "fixed_send_hour", 24, "colour", "red"));
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.code()).isEqualTo("invalid-settings");
    assertThat(bad.raw()).contains("\"field\":\"caps.FAX\"", "\"field\":\"caps.SMS.per_week\"",
        "\"field\":\"quiet_hours.start\"", "\"field\":\"fixed_send_hour\"", "\"field\":\"colour\"");
    var saved = api.put("/api/v1/reach/settings", Map.of("caps", Map.of("SMS", Map.of("per_week", 3)),
        "opt_out_text", "回复TD退订", "min_interval_minutes", 120));
    assertThat(saved.status()).isEqualTo(200);
    assertThat(saved.<Integer>get("caps.SMS.per_week")).isEqualTo(3);
    assertThat(saved.<Integer>get("caps.PUSH.per_day")).isNull();
    assertThat(api.get("/api/v1/reach/settings").<String>get("opt_out_text")).isEqualTo("回复TD退订");
    assertThat(api.get("/api/v1/reach/settings").<Integer>get("min_interval_minutes")).isEqualTo(120);
  }
}
