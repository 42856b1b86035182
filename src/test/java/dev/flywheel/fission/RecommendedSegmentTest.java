package dev.flywheel.fission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.customer.Customers;
import dev.flywheel.customer.Segments;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.ConsoleSession;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An activity recommends the members of a customer segment (besides tagged customers) to its employees. */
@RunningFlywheel
class RecommendedSegmentTest {
  @Autowired TestTenants tenants;
  @Autowired Customers customers;
  @Autowired Segments segments;
  @Autowired Activities activities;
  @Autowired Recommendations recommendations;
  @Autowired MovableClock clock;
  @LocalServerPort int port;

  @Test
  void segmentMembersThenTaggedCustomersAreRecommendedOnceEach() {
    var tenant = tenants.create();
    customers.saveProfile(tenant.id(), "sz-1", Map.of("name", "Zhang Wei", "city", "Shenzhen"));
    customers.saveProfile(tenant.id(), "sz-2", Map.of("name", "Wang Fang", "city", "Shenzhen"));
    customers.saveProfile(tenant.id(), "bj-1", Map.of("name", "Li Na", "city", "Beijing"));
    customers.saveProfile(tenant.id(), "bj-2", Map.of("name", "Liu Yang", "city", "Beijing"));
    customers.addTags(tenant.id(), Map.of("bj-1", List.of("vip"), "sz-2", List.of("vip")));
    long shenzhen = ((Segments.Creation.Created) segments.create(tenant.id(), "Shenzhen", "",
        "city == \"Shenzhen\"", "test")).segment().id();

    ApiClient api = new ApiClient(port, tenant.apiKey());
    Map<String, Object> body = body();
    body.put("recommend_segment_id", shenzhen + 1_000_000);
    ApiClient.Response unknown = api.post("/api/v1/fission/activities", body);
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.raw()).contains("\"field\":\"recommend_segment_id\"").contains("unknown-segment");
    long other = tenants.create().id();
    long foreign = ((Segments.Creation.Created) segments.create(other, "Elsewhere", "", "city == \"Shenzhen\"",
        "test")).segment().id();
    body.put("recommend_segment_id", foreign);
    assertThat(api.post("/api/v1/fission/activities", body).status()).as("another tenant's segment").isEqualTo(422);

    body.put("recommend_segment_id", shenzhen);
    ApiClient.Response created = api.post("/api/v1/fission/activities", body);
    assertThat(created.status()).isEqualTo(201);
    assertThat(((Number) created.get("recommend_segment_id")).longValue()).isEqualTo(shenzhen);
    Activity activity = activities.get(tenant.id(), ((Number) created.get("id")).longValue()).orElseThrow();
    assertThat(activity.recommendSegmentId()).isEqualTo(shenzhen);

    List<Recommendations.Recommended> recommended = recommendations.of(tenant.id(), activity, 20);
    assertThat(recommended).extracting(Recommendations.Recommended::id).containsExactly("sz-1", "sz-2", "bj-1");
    assertThat(recommended).extracting(Recommendations.Recommended::displayNameMasked)
        .doesNotContain("Zhang Wei", "Wang Fang", "Li Na").doesNotContainNull();

    // a customer who moves to Shenzhen joins the recommendation (the segment is evaluated now)
    customers.saveProfile(tenant.id(), "bj-2", Map.of("name", "Liu Yang", "city", "Shenzhen"));
    assertThat(recommendations.of(tenant.id(), activity, 20)).extracting(Recommendations.Recommended::id)
        .containsExactly("bj-2", "sz-1", "sz-2", "bj-1");
    assertThat(recommendations.of(tenant.id(), activity, 2)).hasSize(2);

    ConsoleSession employee = new ConsoleSession(port).login("employee@" + tenant.tenant().slug(), TestTenants.PASSWORD);
    assertThat(employee.get("/console/fission/my").body()).contains("sz-1").contains("bj-2").contains("bj-1")
        .doesNotContain("Zhang Wei");
    ConsoleSession operator = new ConsoleSession(port).login("operator@" + tenant.tenant().slug(), TestTenants.PASSWORD);
    assertThat(operator.get("/console/fission/new").body()).contains("name=\"segment\"").contains(">Shenzhen<");
  }

  private Map<String, Object> body() {
    Map<String, Object> body = new HashMap<>();
    body.put("name", "Segment invite");
    body.put("starts_at", clock.instant().minus(Duration.ofMinutes(1)).toString());
    body.put("ends_at", clock.instant().plus(Duration.ofDays(3)).toString());
    body.put("helpers_needed", 2);
    body.put("reward", Map.of("asset", "POINTS", "amount", 10, "max_rewards", 10));
    body.put("recommend_tags", List.of("vip"));
    return body;
  }
}
