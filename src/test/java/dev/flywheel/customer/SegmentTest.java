package dev.flywheel.customer;

import dev.flywheel.support.ApiClient;
import static dev.flywheel.customer.EventFeed.anEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/** Segments: CEL checked on save with positions, live counts and members, tenant-scoped. */
@RunningFlywheel
class SegmentTest {
  static final String APPROVED_NOT_BORROWED =
      "\"loan\" in tags && loan_stage == \"FUNDER_APPROVED\" && days_since(stage_entered_at) > 2";
  @Autowired TestTenants tenants;
  @Autowired Segments segments;
  @Autowired MovableClock clock;
  @Autowired ApplicationEventPublisher publisher;
  @Autowired TransactionTemplate transactions;
  @LocalServerPort int port;
  TestTenants.TestTenant tenant;
  ApiClient api;

  @BeforeEach
  void setUp() {
    tenant = tenants.create();
    api = new ApiClient(port, tenant.apiKey());
    EventFeed feed = new EventFeed(publisher, transactions);
    approved(feed, "s1", List.of("loan"), 3);
    approved(feed, "s2", List.of("loan"), 1);
    approved(feed, "s3", List.of("insurance"), 5);
    api.put("/api/v1/customers/s4", Map.of("city", "Hangzhou", "attributes", Map.of("score", 720, "vip", true)));
  }

  private void approved(EventFeed feed, String id, List<String> tags, int daysAgo) {
    api.put("/api/v1/customers/" + id, Map.of("tags", tags));
    feed.deliver(anEvent(tenant.id(), id, "app_login").at(clock.instant().minus(Duration.ofDays(daysAgo + 1))).build(),
        anEvent(tenant.id(), id, "funder_decision").at(clock.instant().minus(Duration.ofDays(daysAgo)))
        .with("result", "approved").with("funder", "f").build());
  }

  @Test
  void aSavedSegmentCountsAndListsItsMembersLive() {
    var created = api.post("/api/v1/segments", Map.of("name", "approved, not borrowed",
        "expression", APPROVED_NOT_BORROWED));
    assertThat(created.status()).isEqualTo(201);
    long id = ((Number) created.get("id")).longValue();

    assertThat(api.get("/api/v1/segments/" + id).<Integer>get("count")).isEqualTo(1);
    var members = api.get("/api/v1/segments/" + id + "/members?page=0&size=10");
    assertThat(members.<List<String>>get("customer_ids")).containsExactly("s1");
    assertThat(segments.contains(tenant.id(), id, "s1")).isTrue();
    assertThat(segments.contains(tenant.id(), id, "s2")).isFalse();

    clock.advance(Duration.ofDays(2));
    assertThat(segments.count(tenant.id(), id)).as("days_since follows the clock").isEqualTo(2);

    var all = segments.create(tenant.id(), "everyone", null, "size(tags) >= 0", "test");
    long everyone = ((Segments.Creation.Created) all).segment().id();
    SegmentMembers page1 = segments.members(tenant.id(), everyone, 1, 3);
    assertThat(page1.customerIds()).containsExactly("s4");
    assertThat(page1.total()).isEqualTo(4);
    assertThat(api.get("/api/v1/segments").<List<?>>get("items")).hasSize(2);
  }

  @Test
  void missingTimestampsAndAttributesNeverCrashEvaluation() {
    assertThat(api.post("/api/v1/segments/preview", Map.of("expression", "days_since(last_active_at) > 10000"))
        .<Integer>get("count")).as("s4 was never active: epoch").isEqualTo(1);
    assertThat(api.post("/api/v1/segments/preview", Map.of("expression",
        "city == \"Hangzhou\" && attributes.score > 700 && attributes.vip == true")).<Integer>get("count"))
        .isEqualTo(1);
    assertThat(api.post("/api/v1/segments/preview", Map.of("expression", "attributes.score > 0"))
        .<Integer>get("count")).as("a missing key is 'not a member', not an error").isEqualTo(1);
    assertThat(api.post("/api/v1/segments/preview", Map.of("expression",
        "consent[\"sms\"] && lifecycle_stage == \"NEW\" && acquisition_channel == \"\"")).<Integer>get("count"))
        .isEqualTo(4);
  }

  @Test
  void aTypeErrorIsRefusedWithItsPosition() {
    var wrongType = api.post("/api/v1/segments", Map.of("name", "bad", "expression", "loan_stage == 1"));
    assertThat(wrongType.status()).isEqualTo(422);
    assertThat(wrongType.<String>get("code")).isEqualTo("invalid-segment-expression");
    assertThat(wrongType.<Integer>get("line")).isEqualTo(1);
    assertThat(wrongType.<Integer>get("column")).isEqualTo(12);
    assertThat(wrongType.<String>get("detail")).startsWith("line 1, column 12:").contains("_==_");
    assertThat(wrongType.raw()).contains("\"field\":\"expression\"");

    var secondLine = api.post("/api/v1/segments/preview", Map.of("expression",
        "\"loan\" in tags &&\n  days_since(city) > 2"));
    assertThat(secondLine.status()).isEqualTo(422);
    assertThat(secondLine.<Integer>get("line")).isEqualTo(2);
    assertThat(secondLine.<Integer>get("column")).isEqualTo(13);

    var notBoolean = api.post("/api/v1/segments", Map.of("name", "bad", "expression", "city"));
    assertThat(notBoolean.<String>get("code")).isEqualTo("invalid-segment-expression");
    var unknown = api.post("/api/v1/segments", Map.of("name", "bad", "expression", "salary > 3"));
    assertThat(unknown.<String>get("detail")).contains("undeclared reference");
    assertThat(api.get("/api/v1/segments").<List<?>>get("items")).as("nothing saved").isEmpty();
  }

  @Test
  void segmentsBelongToOneTenant() {
    var created = api.post("/api/v1/segments", Map.of("name", "mine", "expression", "true"));
    long id = ((Number) created.get("id")).longValue();
    assertThat(api.post("/api/v1/segments", Map.of("name", "mine", "expression", "true")).<String>get("code"))
        .isEqualTo("segment-name-taken");
    var other = new ApiClient(port, tenants.create().apiKey());
    assertThat(other.get("/api/v1/segments/" + id).status()).isEqualTo(404);
    assertThat(other.get("/api/v1/segments/" + id + "/members").<String>get("code")).isEqualTo("not-found");
    assertThat(api.post("/api/v1/segments", Map.of("expression", "true")).<String>get("code"))
        .isEqualTo("invalid-segment");
  }
}
