package dev.flywheel.reach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.customer.Customers;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.reach.plan.Dispatcher;
import dev.flywheel.reach.template.StickyChoice;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A campaign send to a whole audience, planned set-based, assigns and defers like single sends. */
@RunningFlywheel
class AudienceSendTest {
  @Autowired TestTenants tenants;
  @Autowired Customers customers;
  @Autowired EventIngestion events;
  @Autowired MessageTemplates templates;
  @Autowired Reach reach;
  @Autowired Dispatcher dispatcher;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;

  @Test
  void everyReachableCustomerGetsOneMessageAndCappedOnesAreDeferred() {
    ReachFixture f = new ReachFixture(tenants.create().id(), customers, events, templates, reach, dispatcher, clock,
        jdbc);
    f.at(LocalTime.of(11, 0));
    for (int i = 0; i < 30; i++) {
      f.customer("a-" + i);
    }
    customers.saveProfile(f.tenantId(), "no-token", Map.of("name", "No Token"));
    f.customer("opted-out");
    jdbc.sql("""
            insert into customer_consents (tenant_id, customer_id, channel, granted, opted_out_at, updated_at)
            values (:t, 'opted-out', 'push', false, now(), now())""").param("t", f.tenantId()).update();
    f.customer("h5");
    f.h5Registration("h5");
    MessageTemplate template = templates.save(f.tenantId(), new MessageTemplate.Draft("sale", Channel.PUSH, false,
        null, List.of(new MessageTemplate.Variant("caring", 2, "Hi", "Hi ${customer.name}"),
            new MessageTemplate.Variant("official", 1, "Notice", "Sale: ${value.offer}"))), "test");
    // whichever variant a-0 is assigned (the hash depends on the template's id), it has its values
    f.queued(reach.send(new SendRequest(f.tenantId(), "a-0", Channel.PUSH, MessageCategory.SERVICE, "sale",
        Map.of("offer", "10% off"), "test/sale", "earlier", null, null)));
    dispatcher.dispatchDue();

    AudienceSend send = new AudienceSend(f.tenantId(), null, Channel.PUSH, MessageCategory.MARKETING, "sale",
        Map.of("offer", "50% off"), "campaign/7", "campaign/7/", null, null);
    AudienceSend.Outcome outcome = reach.sendToAudience(send);
    assertThat(outcome.refused()).isNull();
    assertThat(outcome.planned()).isEqualTo(29);
    assertThat(outcome.deferred()).as("a-0 had a push today").isEqualTo(1);
    assertThat(outcome.skipped()).as("no token, opted out, H5 only").isEqualTo(3);
    assertThat(f.status(id(f, "campaign/7/a-0"))).isEqualTo("DEFERRED:cap-daily-push");
    for (int i = 1; i < 30; i++) {
      String customer = "a-" + i;
      String variant = jdbc.sql("select variant from reach_messages where tenant_id = :t and dedupe_key = :k")
          .param("t", f.tenantId()).param("k", "campaign/7/" + customer).query(String.class).single();
      assertThat(variant).as("same bucket as a single send")
          .isEqualTo(StickyChoice.pick("template/" + template.id(), customer, template.variants(),
              MessageTemplate.Variant::weight).name());
    }
    assertThat(reach.sendToAudience(send).planned()).as("repeating plans nothing twice").isZero();
    dispatcher.dispatchDue();
    assertThat(jdbc.sql("""
            select count(*) from reach_messages where tenant_id = :t and source = 'campaign/7' and status = 'QUEUED'""")
        .param("t", f.tenantId()).query(Long.class).single()).isEqualTo(29);
    assertThat(f.status(id(f, "campaign/7/a-0"))).startsWith("DEFERRED");
  }

  private long id(ReachFixture f, String dedupeKey) {
    return jdbc.sql("select id from reach_messages where tenant_id = :t and dedupe_key = :k")
        .param("t", f.tenantId()).param("k", dedupeKey).query(Long.class).single();
  }
}
