package dev.flywheel.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.ApiClient;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Operators define coupon templates over the API; each bad field is named, nothing half-written. */
@RunningFlywheel
class CouponTemplateApiTest {
  @Autowired TestTenants tenants;
  @Autowired Coupons coupons;
  @LocalServerPort int port;

  @Test
  void definesListsAndRefusesTemplatesPerTenant() {
    var a = tenants.create();
    var b = tenants.create();
    var api = new ApiClient(port, a.apiKey());

    var created = api.post("/api/v1/coupon-templates", Map.of("name", "Rate coupon +0.5%", "face_value", 500,
        "min_spend", 100_000, "valid_from", "2026-06-01T00:00:00+08:00", "valid_days", 30));
    assertThat(created.status()).isEqualTo(201);
    long id = ((Number) created.get("id")).longValue();
    assertThat(coupons.template(a.id(), id)).get().satisfies(t -> {
      assertThat(t.faceValue()).isEqualTo(500);
      assertThat(t.minSpend()).isEqualTo(100_000);
      assertThat(t.validDays()).isEqualTo(30);
    });
    assertThat(api.get("/api/v1/coupon-templates").<List<Map<String, Object>>>get("templates"))
        .extracting(m -> m.get("name")).containsExactly("Rate coupon +0.5%");
    assertThat(new ApiClient(port, b.apiKey()).get("/api/v1/coupon-templates").<List<?>>get("templates")).isEmpty();

    var noEnd = api.post("/api/v1/coupon-templates", Map.of("name", "Forever", "face_value", 100));
    assertThat(noEnd.status()).isEqualTo(422);
    assertThat(noEnd.<List<Map<String, Object>>>get("errors")).extracting(m -> m.get("field")).containsExactly("valid_to");
    var negative = api.post("/api/v1/coupon-templates", Map.of("name", "Bad", "face_value", -1, "valid_days", 3));
    assertThat(negative.status()).isEqualTo(422);
    assertThat(negative.<List<Map<String, Object>>>get("errors")).extracting(m -> m.get("field")).containsExactly("face_value");
    var emptyWindow = api.post("/api/v1/coupon-templates", Map.of("name", "Empty", "face_value", 100,
        "valid_from", "2026-06-02T00:00:00+08:00", "valid_to", "2026-06-01T00:00:00+08:00"));
    assertThat(emptyWindow.status()).isEqualTo(422);
    assertThat(coupons.templates(a.id())).hasSize(1);
  }
}
