package dev.flywheel.reach.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.reach.Channel;
import dev.flywheel.platform.signing.Signatures;
import dev.flywheel.reach.delivery.send.Attempts;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Provider receipts: only a correctly signed, fresh receipt about one of the provider's own
 * messages changes anything, and a late one never moves a status backwards.
 */
@RunningFlywheel
class ReceiptTest {
  private static final String SECRET = "receipt-secret-0123456789";
  private final HttpClient http = HttpClient.newHttpClient();
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
  private long providerId;
  private long messageId;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new DeliveryFixture(jdbc, tx, delivery, clock);
    server = new ProviderServer(SECRET);
    tenant = tenants.create();
    var saved = new ApiClient(port, tenant.apiKey()).put("/api/v1/reach/providers/sms",
        Map.of("name", "gateway", "url", server.url(), "secret", SECRET));
    providerId = ((Number) saved.get("id")).longValue();
    messageId = fixture.queue(tenant.id(), "C-1", Channel.SMS, "13800001111", null, "Hi");
    attempts.runDue(tenant.id(), 10);
    assertThat(fixture.status(messageId)).isEqualTo("SENT");
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void unsignedForgedStaleOrMalformedReceiptsAreRejectedAndChangeNothing() throws Exception {
    String body = "{\"message_id\":\"" + messageId + "\",\"status\":\"delivered\"}";
    long now = clock.instant().getEpochSecond();

    var unsigned = post(providerId, body, null, null);
    assertThat(unsigned.statusCode()).isEqualTo(401);
    assertThat(unsigned.body()).contains("\"code\":\"receipt-unsigned\"");
    var forged = post(providerId, body, now, Signatures.sign("not-the-secret-at-all", now, bytes(body)));
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(forged.body()).contains("\"code\":\"receipt-signature-invalid\"");
    var tampered = post(providerId, body.replace("delivered", "clicked"), now, Signatures.sign(SECRET, now, bytes(body)));
    assertThat(tampered.body()).contains("\"code\":\"receipt-signature-invalid\"");
    long old = now - 3600;
    var replayed = post(providerId, body, old, Signatures.sign(SECRET, old, bytes(body)));
    assertThat(replayed.statusCode()).isEqualTo(401);
    assertThat(replayed.body()).contains("\"code\":\"receipt-expired\"");
    var unknownProvider = post(999_999_999L, body, now, Signatures.sign(SECRET, now, bytes(body)));
    assertThat(unknownProvider.statusCode()).isEqualTo(401);
    String bad = "{\"message_id\":\"" + messageId + "\",\"status\":\"teleported\"}";
    var malformed = post(providerId, bad, now, Signatures.sign(SECRET, now, bytes(bad)));
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.body()).contains("\"code\":\"malformed-receipt\"").contains("\"field\":\"status\"");
    String notJson = "delivered!";
    assertThat(post(providerId, notJson, now, Signatures.sign(SECRET, now, bytes(notJson))).statusCode()).isEqualTo(400);

    assertThat(fixture.status(messageId)).isEqualTo("SENT");
    assertThat(fixture.history(messageId)).containsExactly("SENT");
    assertThat(fixture.delivery(messageId).get("delivered_at")).isNull();
  }

  @Test
  void aValidReceiptDeliversAndALateSentReceiptDoesNotMoveItBack() throws Exception {
    long now = clock.instant().getEpochSecond();
    String delivered = "{\"message_id\":" + messageId + ",\"status\":\"delivered\",\"provider_ref\":\"abc\"}";
    var ok = post(providerId, delivered, now, Signatures.sign(SECRET, now, bytes(delivered)));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("\"applied\":true").contains("\"status\":\"DELIVERED\"");

    String late = "{\"message_id\":\"" + messageId + "\",\"status\":\"sent\"}";
    var lateAnswer = post(providerId, late, now, Signatures.sign(SECRET, now, bytes(late)));
    assertThat(lateAnswer.statusCode()).isEqualTo(200);
    assertThat(lateAnswer.body()).contains("\"applied\":false").contains("\"status\":\"DELIVERED\"");

    assertThat(fixture.status(messageId)).isEqualTo("DELIVERED");
    assertThat(fixture.history(messageId)).containsExactly("SENT", "DELIVERED");
    assertThat(fixture.delivery(messageId).get("delivered_at")).isNotNull();
  }

  @Test
  void aProviderCannotReportOnMessagesItDidNotSend() throws Exception {
    long inbox = fixture.queue(tenant.id(), "C-1", Channel.INBOX, null, "t", "b");
    attempts.runDue(tenant.id(), 10);
    long now = clock.instant().getEpochSecond();
    String body = "{\"message_id\":\"" + inbox + "\",\"status\":\"failed\"}";

    var answer = post(providerId, body, now, Signatures.sign(SECRET, now, bytes(body)));

    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(answer.body()).contains("\"code\":\"unknown-message\"");
    assertThat(fixture.status(inbox)).isEqualTo("DELIVERED");
  }

  private HttpResponse<String> post(long provider, String body, Long timestamp, String signature) throws Exception {
    var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/reach/receipts/" + provider))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (timestamp != null) {
      request.header(Signatures.TIMESTAMP, Long.toString(timestamp));
    }
    if (signature != null) {
      request.header(Signatures.SIGNATURE, signature);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
