package dev.flywheel.reach.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.reach.Channel;
import dev.flywheel.reach.delivery.send.Attempts;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** E-mail over real SMTP (GreenMail on a free port) to the customer's stored address. */
@RunningFlywheel
class EmailDeliveryTest {
  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @Autowired TestTenants tenants;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate tx;
  @Autowired Delivery delivery;
  @Autowired Attempts attempts;
  @Autowired MovableClock clock;
  @LocalServerPort int port;
  private DeliveryFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new DeliveryFixture(jdbc, tx, delivery, clock);
  }

  @Test
  void sendsToTheCustomersAddressWithTrackedLinksAndTheMessageIdAsMessageId() throws Exception {
    var tenant = tenants.create();
    ApiClient api = new ApiClient(port, tenant.apiKey());
    assertThat(api.put("/api/v1/reach/providers/email", Map.of("name", "mailer",
        "smtp", Map.of("host", "127.0.0.1", "port", MAIL.getSmtp().getPort(), "from", "news@example.com")))
        .status()).isEqualTo(201);
    assertThat(api.put("/api/v1/customers/C-1", Map.of("name", "Alice Wong", "email", "alice@example.com"))
        .status()).isEqualTo(201);
    assertThat(api.get("/api/v1/customers/C-1").<String>get("email_masked")).isEqualTo("a****@example.com");

    long id = fixture.queue(tenant.id(), "C-1", Channel.EMAIL, null, "Your offer",
        "Hello Alice, see https://example.com/offer?id=7. Thanks!");
    attempts.runDue(tenant.id(), 10);

    MimeMessage[] received = MAIL.getReceivedMessages();
    assertThat(received).hasSize(1);
    MimeMessage mail = received[0];
    assertThat(mail.getSubject()).isEqualTo("Your offer");
    assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
        .containsExactly("alice@example.com");
    assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("news@example.com");
    assertThat(mail.getMessageID()).isEqualTo("<reach-" + id + "@example.com>");
    String body = MailParts.text(mail);
    assertThat(body).startsWith("Hello Alice, see http://localhost:8080/r/").endsWith(". Thanks!")
        .doesNotContain("example.com/offer");
    assertThat(fixture.status(id)).isEqualTo("SENT");
    assertThat(fixture.delivery(id)).containsEntry("provider", "smtp:mailer");
  }

  @Test
  void theCustomersAddressIsValidatedAndNeverShownRaw() {
    var tenant = tenants.create();
    ApiClient api = new ApiClient(port, tenant.apiKey());
    var invalid = api.put("/api/v1/customers/C-4", Map.of("email", "not-an-address"));
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.raw()).contains("\"field\":\"email\"").contains("invalid-format");
    api.put("/api/v1/customers/C-4", Map.of("email", "zhang.san@example.com"));
    var shown = api.get("/api/v1/customers/C-4");
    assertThat(shown.<String>get("email_masked")).isEqualTo("z********@example.com");
    assertThat(shown.raw()).doesNotContain("zhang.san");
  }

  @Test
  void withoutAnSmtpServerEmailFailsWithAClearReason() {
    var tenant = tenants.create();
    long id = fixture.queue(tenant.id(), "C-2", Channel.EMAIL, "bob@example.com", "Hi", "Body");

    attempts.runDue(tenant.id(), 10);

    assertThat(fixture.status(id)).isEqualTo("FAILED");
    assertThat(fixture.reason(id)).isEqualTo("email-not-configured");
    assertThat(fixture.history(id)).containsExactly("FAILED");
  }

  @Test
  void aCustomerWithoutAnAddressFailsWithNoAddress() {
    var tenant = tenants.create();
    ApiClient api = new ApiClient(port, tenant.apiKey());
    api.put("/api/v1/reach/providers/email", Map.of("name", "mailer",
        "smtp", Map.of("host", "127.0.0.1", "port", MAIL.getSmtp().getPort())));
    api.put("/api/v1/customers/C-3", Map.of("name", "No Mail"));
    long id = fixture.queue(tenant.id(), "C-3", Channel.EMAIL, null, "Hi", "Body");

    attempts.runDue(tenant.id(), 10);

    assertThat(fixture.reason(id)).isEqualTo("no-address");
    assertThat(MAIL.getReceivedMessages()).isEmpty();
  }
}
