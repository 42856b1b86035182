package dev.flywheel.customer;

import dev.flywheel.support.ApiClient;
import static dev.flywheel.customer.EventFeed.anEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.customer.stage.LifecycleJob;
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
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

/** Seed 003's lifecycle, driven by events and by the daily job under a moved clock. */
@RunningFlywheel
@RecordApplicationEvents
class LifecycleStageTest {
  @Autowired TestTenants tenants;
  @Autowired Customers customers;
  @Autowired LifecycleJob job;
  @Autowired MovableClock clock;
  @Autowired ApplicationEventPublisher publisher;
  @Autowired TransactionTemplate transactions;
  @Autowired ApplicationEvents published;
  @LocalServerPort int port;
  EventFeed feed;
  TestTenants.TestTenant tenant;

  @BeforeEach
  void setUp() {
    feed = new EventFeed(publisher, transactions);
    tenant = tenants.create();
  }

  private LifecycleStage stage(String id) {
    return customers.find(tenant.id(), id).orElseThrow().lifecycle().stage();
  }

  private void daysPass(int days) {
    clock.advance(Duration.ofDays(days));
    job.recompute(tenant.id(), clock.instant());
  }

  @Test
  void newThenToBeRetainedThenActiveThenDormantThenRecalled() {
    String id = "life-1";
    feed.deliver(anEvent(tenant.id(), id, "registered").at(clock.instant()).with("platform", "app").build());
    assertThat(stage(id)).isEqualTo(LifecycleStage.NEW);

    daysPass(6);
    assertThat(stage(id)).as("still inside the 7-day new window").isEqualTo(LifecycleStage.NEW);
    daysPass(2);
    assertThat(stage(id)).as("past the window with one active day").isEqualTo(LifecycleStage.TO_BE_RETAINED);

    feed.deliver(anEvent(tenant.id(), id, "app_login").at(clock.instant()).build());
    assertThat(stage(id)).as("a second active day").isEqualTo(LifecycleStage.ACTIVE);

    daysPass(30);
    assertThat(stage(id)).as("exactly 30 idle days is still active").isEqualTo(LifecycleStage.ACTIVE);
    daysPass(1);
    assertThat(stage(id)).isEqualTo(LifecycleStage.POTENTIALLY_DORMANT);
    daysPass(30);
    assertThat(stage(id)).isEqualTo(LifecycleStage.DORMANT);
    assertThat(job.recompute(tenant.id(), clock.instant())).as("idempotent").isZero();

    feed.deliver(anEvent(tenant.id(), id, "investment").at(clock.instant()).with("amount", 1000L).build());
    CustomerProfile recalled = customers.find(tenant.id(), id).orElseThrow();
    assertThat(recalled.lifecycle().stage()).isEqualTo(LifecycleStage.ACTIVE);
    assertThat(recalled.lifecycle().recalledAt()).isEqualTo(clock.instant());
    assertThat(recalled.lifecycle().activeDays()).isEqualTo(3);

    assertThat(customers.stageHistory(tenant.id(), id)).filteredOn(h -> h.kind().equals("LIFECYCLE"))
        .extracting(h -> h.from() + ">" + h.to() + "@" + h.cause())
        .containsExactly("NEW>TO_BE_RETAINED@daily-recompute", "TO_BE_RETAINED>ACTIVE@app_login",
            "ACTIVE>POTENTIALLY_DORMANT@daily-recompute", "POTENTIALLY_DORMANT>DORMANT@daily-recompute",
            "DORMANT>ACTIVE@recalled:investment");
    List<LifecycleStageChanged> changes = published.stream(LifecycleStageChanged.class)
        .filter(e -> e.tenantId() == tenant.id()).toList();
    assertThat(changes).hasSize(5);
    assertThat(changes.getLast().recalled()).isTrue();
    assertThat(changes.subList(0, 4)).noneMatch(LifecycleStageChanged::recalled);
    assertThat(customers.countByLifecycleStage(tenant.id())).containsEntry(LifecycleStage.ACTIVE, 1L)
        .containsEntry(LifecycleStage.DORMANT, 0L);
  }

  @Test
  void aNonActivityEventDoesNotRecallADormantCustomer() {
    String id = "life-2";
    feed.deliver(anEvent(tenant.id(), id, "registered").at(clock.instant()).build());
    daysPass(70);
    assertThat(stage(id)).isEqualTo(LifecycleStage.DORMANT);
    feed.deliver(anEvent(tenant.id(), id, "repayment_due").at(clock.instant()).build());
    assertThat(stage(id)).isEqualTo(LifecycleStage.DORMANT);
    assertThat(customers.find(tenant.id(), id).orElseThrow().lifecycle().recalledAt()).isNull();
  }

  @Test
  void thresholdsAreConfigurablePerTenantAndValidated() {
    ApiClient api = new ApiClient(port, tenant.apiKey());
    assertThat(api.get("/api/v1/lifecycle-settings").body())
        .containsEntry("new_days", 7).containsEntry("dormant_after_days", 60);

    var invalid = api.put("/api/v1/lifecycle-settings", Map.of("new_days", 3, "retain_min_active_days", 2,
        "active_within_days", 10, "dormant_after_days", 10));
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.<String>get("code")).isEqualTo("invalid-lifecycle-settings");
    assertThat(invalid.raw()).contains("\"field\":\"dormant_after_days\"");
    var negative = api.put("/api/v1/lifecycle-settings", Map.of("new_days", 0, "retain_min_active_days", 2,
        "active_within_days", 10, "dormant_after_days", 20));
    assertThat(negative.raw()).contains("\"field\":\"new_days\"");

    var saved = api.put("/api/v1/lifecycle-settings", Map.of("new_days", 3, "retain_min_active_days", 1,
        "active_within_days", 10, "dormant_after_days", 20));
    assertThat(saved.status()).isEqualTo(200);
    assertThat(customers.lifecycleSettings(tenant.id())).isEqualTo(new LifecycleSettings(3, 1, 10, 20));

    String id = "life-3";
    feed.deliver(anEvent(tenant.id(), id, "registered").at(clock.instant()).build());
    daysPass(4);
    assertThat(stage(id)).as("new window of 3 days, one active day is enough").isEqualTo(LifecycleStage.ACTIVE);
    daysPass(7);
    assertThat(stage(id)).isEqualTo(LifecycleStage.POTENTIALLY_DORMANT);
    daysPass(10);
    assertThat(stage(id)).isEqualTo(LifecycleStage.DORMANT);
    assertThat(job.recomputeAll(clock.instant())).as("already moved").isGreaterThanOrEqualTo(0);
  }
}
