package dev.flywheel.reach.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.flywheel.analytics.Breakdown;
import dev.flywheel.analytics.FunnelResult;
import dev.flywheel.analytics.Recall;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.reach.Channel;
import dev.flywheel.reach.delivery.send.Attempts;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** A message reach sent becomes the recall funnel's first step: one message_delivered event, once. */
@RunningFlywheel
class DeliveredEventTest {
  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @Autowired TestTenants tenants;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate tx;
  @Autowired Delivery delivery;
  @Autowired Attempts attempts;
  @Autowired MovableClock clock;
  @Autowired Recall recall;
  @LocalServerPort int port;

  @Test
  void aSentMessageIsRecordedAsDeliveredOnceAndEntersTheRecallFunnel() {
    var tenant = tenants.create();
    ApiClient api = new ApiClient(port, tenant.apiKey());
    assertThat(api.put("/api/v1/reach/providers/email", Map.of("name", "mailer",
        "smtp", Map.of("host", "127.0.0.1", "port", MAIL.getSmtp().getPort(), "from", "news@example.com")))
        .status()).isEqualTo(201);
    assertThat(api.put("/api/v1/customers/R-1", Map.of("email", "r1@example.com")).status()).isEqualTo(201);
    var fixture = new DeliveryFixture(jdbc, tx, delivery, clock);
    var started = clock.instant();
    long id = fixture.queue(tenant.id(), "R-1", Channel.EMAIL, null, "We miss you", "Come back for a rate coupon");
    attempts.runDue(tenant.id(), 10);
    attempts.runDue(tenant.id(), 10);

    assertThat(fixture.status(id)).isEqualTo("SENT");
    var events = jdbc.sql("select event_id, customer_id, attributes->>'channel' from events"
            + " where tenant_id = :t and type = 'message_delivered'")
        .param("t", tenant.id()).query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)).list();
    assertThat(events).containsExactly("reach-message-" + id + " R-1 email");
    FunnelResult.Row total = recall.run(tenant.id(), Duration.ofDays(7), started.minusSeconds(60),
        clock.instant().plusSeconds(60), Breakdown.NONE).result().total();
    assertThat(total.steps().getFirst().customers()).isEqualTo(1);
  }
}
