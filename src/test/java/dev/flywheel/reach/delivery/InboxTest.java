package dev.flywheel.reach.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.reach.Channel;
import dev.flywheel.reach.delivery.send.Attempts;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The in-app inbox: delivered by storing, read by the app's backend, OPENED when marked read. */
@RunningFlywheel
class InboxTest {
  @Autowired TestTenants tenants;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate tx;
  @Autowired Delivery delivery;
  @Autowired Attempts attempts;
  @Autowired MovableClock clock;
  @LocalServerPort int port;

  @Test
  void storedMessagesArePagedWithAnUnreadCountAndReadingOpensThem() {
    var fixture = new DeliveryFixture(jdbc, tx, delivery, clock);
    var tenant = tenants.create();
    ApiClient api = new ApiClient(port, tenant.apiKey());
    api.put("/api/v1/customers/C-1", Map.of("name", "Li Lei"));
    long first = fixture.queue(tenant.id(), "C-1", Channel.INBOX, null, "Welcome", "Start here: https://example.com/start");
    clock.advance(Duration.ofMinutes(1));
    long second = fixture.queue(tenant.id(), "C-1", Channel.INBOX, null, "Coupon", "A coupon for you");
    attempts.runDue(tenant.id(), 10);
    assertThat(fixture.status(first)).isEqualTo("DELIVERED");
    assertThat(fixture.history(first)).containsExactly("SENT", "DELIVERED");

    var page = api.get("/api/v1/customers/C-1/inbox?size=1");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.<Number>get("total").intValue()).isEqualTo(2);
    assertThat(page.<Number>get("unread").intValue()).isEqualTo(2);
    List<Map<String, Object>> items = page.get("items");
    assertThat(items).singleElement().satisfies(i -> assertThat(i).containsEntry("title", "Coupon"));
    var older = api.get("/api/v1/customers/C-1/inbox?size=1&page=1");
    List<Map<String, Object>> olderItems = older.get("items");
    assertThat((String) olderItems.getFirst().get("body")).startsWith("Start here: http://localhost:8080/r/");

    var read = api.post("/api/v1/customers/C-1/inbox/" + first + "/read", Map.of());
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.<String>get("status")).isEqualTo("OPENED");
    assertThat(read.<String>get("read_at")).isNotNull();
    assertThat(api.post("/api/v1/customers/C-1/inbox/" + first + "/read", Map.of()).status()).isEqualTo(200);

    assertThat(api.get("/api/v1/customers/C-1/inbox").<Number>get("unread").intValue()).isEqualTo(1);
    assertThat(fixture.status(first)).isEqualTo("OPENED");
    assertThat(fixture.history(first)).containsExactly("SENT", "DELIVERED", "OPENED");
    assertThat(fixture.status(second)).isEqualTo("DELIVERED");
  }

  @Test
  void anotherTenantSeesNeitherTheInboxNorCanMarkItRead() {
    var fixture = new DeliveryFixture(jdbc, tx, delivery, clock);
    var tenant = tenants.create();
    var other = tenants.create();
    new ApiClient(port, tenant.apiKey()).put("/api/v1/customers/C-9", Map.of("name", "Han Meimei"));
    long id = fixture.queue(tenant.id(), "C-9", Channel.INBOX, null, "Private", "Only for C-9");
    attempts.runDue(tenant.id(), 10);
    ApiClient stranger = new ApiClient(port, other.apiKey());

    assertThat(stranger.get("/api/v1/customers/C-9/inbox").status()).isEqualTo(404);
    var read = stranger.post("/api/v1/customers/C-9/inbox/" + id + "/read", Map.of());
    assertThat(read.status()).isEqualTo(404);
    assertThat(fixture.status(id)).isEqualTo("DELIVERED");
  }
}
