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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SMS through the generic HTTP provider against a real local HTTP server that checks the HMAC
 * signature: the idempotency key, retries with backoff on an outage, failure with a reason, and no
 * second send once a message is sent (also when the task runs again after a restart).
 */
@RunningFlywheel
class HttpDeliveryTest {
  private static final String SECRET = "s3cret-for-the-sms-gateway";
  @Autowired TestTenants tenants;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate tx;
  @Autowired Delivery delivery;
  @Autowired Attempts attempts;
  @Autowired MovableClock clock;
  @LocalServerPort int port;
  private DeliveryFixture fixture;
  private ProviderServer server;
  private TestTenants.TestTenant tenant;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new DeliveryFixture(jdbc, tx, delivery, clock);
    server = new ProviderServer(SECRET);
    tenant = tenants.create();
    var saved = api().put("/api/v1/reach/providers/sms", Map.of("name", "gateway", "url", server.url(),
        "secret", SECRET, "headers", Map.of("X-Account", "acme")));
    assertThat(saved.status()).isEqualTo(201);
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void sendsASignedRequestWithTheMessageIdAsIdempotencyKey() {
    long id = fixture.queue(tenant.id(), "C-1", Channel.SMS, "13800001111", null,
        "Your limit is ready: https://example.com/loan?x=1");

    assertThat(attempts.runDue(tenant.id(), 10)).isEqualTo(1);

    assertThat(server.requests()).singleElement().satisfies(r -> {
      assertThat(r.signatureValid()).isTrue();
      assertThat(r.idempotencyKey()).isEqualTo(Long.toString(id));
      assertThat(r.customHeader()).isEqualTo("acme");
      assertThat(r.body()).contains("\"to\":\"13800001111\"").contains("/r/")
          .doesNotContain("https://example.com/loan");
    });
    assertThat(fixture.status(id)).isEqualTo("SENT");
    assertThat(fixture.history(id)).containsExactly("SENT");
    assertThat(fixture.delivery(id)).containsEntry("provider_ref", "prov-1").containsEntry("provider", "http:gateway");
  }

  @Test
  void providerSecretsAreStoredButNeverReturned() {
    var listed = api().get("/api/v1/reach/providers");
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.raw()).doesNotContain(SECRET).contains("\"secret_set\":true").contains("\"secret_hint\":\"…eway\"");
    var invalid = api().put("/api/v1/reach/providers/push", Map.of("name", "p", "url", "ftp://x", "secret", "short"));
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.code()).isEqualTo("invalid-provider");
    assertThat(invalid.raw()).contains("\"field\":\"url\"").contains("\"field\":\"secret\"");
  }

  @Test
  void anOutageIsRetriedWithBackoffAndTheMessageIsSentExactlyOnce() {
    server.answering(503, 503);
    long id = fixture.queue(tenant.id(), "C-2", Channel.SMS, "13800002222", null, "Reminder");

    attempts.runDue(tenant.id(), 10);
    assertThat(fixture.status(id)).isEqualTo("QUEUED");
    assertThat(attempts.runDue(tenant.id(), 10)).as("not due before the backoff").isZero();

    clock.advance(Duration.ofSeconds(30));
    attempts.runDue(tenant.id(), 10);
    assertThat(fixture.status(id)).isEqualTo("QUEUED");
    clock.advance(Duration.ofSeconds(30));
    assertThat(attempts.runDue(tenant.id(), 10)).as("the second wait is twice the first").isZero();
    clock.advance(Duration.ofSeconds(30));
    attempts.runDue(tenant.id(), 10);

    assertThat(fixture.status(id)).isEqualTo("SENT");
    assertThat(server.requests()).hasSize(3).allSatisfy(r -> assertThat(r.idempotencyKey()).isEqualTo("" + id));
    assertThat(server.successes()).isEqualTo(1);
    assertThat(fixture.delivery(id)).containsEntry("attempts", 3);

    // a restart re-runs the task, the sweep runs, planning hands the message over again: no resend
    clock.advance(Duration.ofHours(1));
    assertThat(attempts.attempt(id)).isInstanceOf(Attempts.Outcome.Finished.class);
    attempts.runDue(tenant.id(), 10);
    fixture.handOverAgain(DeliveryFixture.outgoing(tenant.id(), id, "C-2", Channel.SMS, "13800002222", null, "Reminder"));
    attempts.runDue(tenant.id(), 10);
    assertThat(server.requests()).hasSize(3);
    assertThat(fixture.history(id)).containsExactly("SENT");
  }

  @Test
  void aLastingOutageFailsWithAReasonAfterTheMaximumAttempts() {
    server.answering(503, 503, 503, 503, 503, 503);
    long id = fixture.queue(tenant.id(), "C-3", Channel.SMS, "13800003333", null, "Reminder");

    for (int i = 0; i < 5; i++) {
      attempts.runDue(tenant.id(), 10);
      clock.advance(Duration.ofMinutes(30));
    }

    assertThat(server.requests()).hasSize(5);
    assertThat(fixture.status(id)).isEqualTo("FAILED");
    assertThat(fixture.reason(id)).isEqualTo("provider-unavailable");
    assertThat(fixture.delivery(id)).containsEntry("failure_reason", "provider-unavailable");
    assertThat((String) fixture.delivery(id).get("last_error")).contains("503");
    assertThat(attempts.runDue(tenant.id(), 10)).isZero();
  }

  @Test
  void aRefusalFailsAtOnceAndAMissingProviderIsAReason() {
    server.answering(400);
    long refused = fixture.queue(tenant.id(), "C-4", Channel.SMS, "13800004444", null, "x");
    long noProvider = fixture.queue(tenant.id(), "C-4", Channel.ROBOCALL, "13800004444", null, "x");

    attempts.runDue(tenant.id(), 10);

    assertThat(fixture.status(refused)).isEqualTo("FAILED");
    assertThat(fixture.reason(refused)).isEqualTo("rejected-by-provider");
    assertThat(fixture.status(noProvider)).isEqualTo("FAILED");
    assertThat(fixture.reason(noProvider)).isEqualTo("no-provider");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void theHandOverAndItsTaskExistOnlyIfThePlanningTransactionCommits() {
    long committed = fixture.queue(tenant.id(), "C-5", Channel.SMS, "13800005555", null, "x");
    assertThat(fixture.scheduledTasks(committed)).isEqualTo(1);

    long[] rolledBack = new long[1];
    tx.executeWithoutResult(status -> {
      rolledBack[0] = fixture.insertQueued(tenant.id(), "C-5", Channel.SMS);
      delivery.handOver(DeliveryFixture.outgoing(tenant.id(), rolledBack[0], "C-5", Channel.SMS, "13800005555",
          null, "x"));
      status.setRollbackOnly();
    });
    assertThat(fixture.scheduledTasks(rolledBack[0])).isZero();
    assertThat(jdbc.sql("select count(*) from reach_deliveries where message_id = :id")
        .param("id", rolledBack[0]).query(Long.class).single()).isZero();
    assertThat(List.of(attempts.runDue(tenant.id(), 10))).containsExactly(1);
  }

  private ApiClient api() {
    return new ApiClient(port, tenant.apiKey());
  }
}
