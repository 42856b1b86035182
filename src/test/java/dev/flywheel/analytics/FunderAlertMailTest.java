package dev.flywheel.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The funder alert goes out by e-mail through reach's SMTP (GreenMail), once per alert and recipient. */
@RunningFlywheel
class FunderAlertMailTest {
  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @LocalServerPort int port;
  @Autowired TestTenants tenants;
  @Autowired EventIngestion ingestion;
  @Autowired MovableClock clock;
  @Autowired FunderAlerts alerts;

  @Test
  void aDroppingFunderIsMailedOncePerAlertToEachRecipient() throws Exception {
    var tenant = tenants.create();
    var api = new ApiClient(port, tenant.apiKey());
    String slug = tenant.tenant().slug();
    assertThat(api.put("/api/v1/reach/providers/email", Map.of("name", "mailer",
        "smtp", Map.of("host", "127.0.0.1", "port", MAIL.getSmtp().getPort(), "from", "risk@bank.example")))
        .status()).isEqualTo(201);
    List<String> to = List.of("ops." + slug + "@bank.example", "cfo." + slug + "@bank.example");
    var saved = api.put("/api/v1/analytics/funders/alerts/settings", Map.of("threshold_percent", 25, "recipients", to));
    assertThat(saved.status()).isEqualTo(200);
    Instant now = clock.instant();
    for (int i = 0; i < 10; i++) {
      decide(tenant.id(), "old" + i, now.minus(Duration.ofDays(20)), i < 8, "10000.00");
      decide(tenant.id(), "new" + i, now.minus(Duration.ofDays(2)), i < 3, "9000.00"); // rate 80 % → 30 %, line −10 %
    }

    var first = api.post("/api/v1/analytics/funders/alerts/check", Map.of());
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body()).containsEntry("opened", 1).containsEntry("sent", 2).containsEntry("not_sent", 0);
    assertThat(alerts.check(tenant.id())).isEqualTo(new FunderAlerts.CheckResult(0, 0, 0, 0)); // again: nothing new

    List<MimeMessage> mails = Arrays.stream(MAIL.getReceivedMessages())
        .filter(m -> recipients(m).stream().anyMatch(to::contains)).toList();
    assertThat(mails).hasSize(2);
    assertThat(mails).flatExtracting(FunderAlertMailTest::recipients).containsExactlyInAnyOrderElementsOf(to);
    assertThat(mails).extracting(MimeMessage::getSubject).containsOnly("[Flywheel] Funder alert: falling_bank approval rate dropped");
    assertThat(mails.getFirst().getContent().toString()).contains("Last 7 days:        30.0 %")
        .contains("The 28 days before: 80.0 %").contains("more than 25 %");
    assertThat(mails).extracting(MimeMessage::getMessageID).doesNotHaveDuplicates()
        .allMatch(id -> id.matches("<staff-funder-alert-\\d+-[0-9a-f]+@bank\\.example>"));

    var listed = api.get("/api/v1/analytics/funders/alerts").<List<Map<String, Object>>>get("alerts");
    assertThat(listed).hasSize(1);
    assertThat(listed.getFirst()).containsEntry("funder", "falling_bank").containsEntry("reason", "approval-rate-drop")
        .containsEntry("closed_at", null).containsEntry("emails", Map.of(to.get(0), "SENT", to.get(1), "SENT"));

    // a week on the drop is out of the 7-day window: the alert closes; a new drop would open (and mail) a new one
    clock.advance(Duration.ofDays(8));
    assertThat(alerts.check(tenant.id()).closed()).isEqualTo(1);
    assertThat(alerts.list(tenant.id(), 10).getFirst().closedAt()).isEqualTo(clock.instant());
  }

  @Test
  void badSettingsAreProblemsAndWithoutSmtpTheMailIsRecordedNotSent() {
    var tenant = tenants.create();
    var api = new ApiClient(port, tenant.apiKey());
    var bad = api.put("/api/v1/analytics/funders/alerts/settings", Map.of("threshold_percent", 0,
        "recipients", List.of("ok@bank.example", "not an address")));
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.code()).isEqualTo("invalid-threshold");
    assertThat(bad.<List<Map<String, Object>>>get("errors")).extracting(e -> e.get("field"))
        .containsExactly("threshold_percent", "recipients[1]");
    assertThat(api.get("/api/v1/analytics/funders/alerts/settings").body()).containsEntry("threshold_percent", 20);

    alerts.save(tenant.id(), 20, List.of("risk@bank.example"), "admin");
    Instant now = clock.instant();
    for (int i = 0; i < 10; i++) {
      decide(tenant.id(), "old" + i, now.minus(Duration.ofDays(20)), i < 8, "10000.00");
      decide(tenant.id(), "new" + i, now.minus(Duration.ofDays(2)), i < 3, "10000.00");
    }
    assertThat(alerts.check(tenant.id())).isEqualTo(new FunderAlerts.CheckResult(1, 0, 0, 1));
    assertThat(alerts.list(tenant.id(), 10).getFirst().emails()).containsEntry("risk@bank.example", "NOT_SENT email-not-configured");
  }

  private void decide(long tenant, String id, Instant at, boolean approved, String line) {
    Map<String, Object> attributes = approved
        ? Map.of("funder", "falling_bank", "result", "approved", "credit_line", new BigDecimal(line))
        : Map.of("funder", "falling_bank", "result", "rejected");
    ingestion.ingest(tenant, new IncomingEvent(id, id, "funder_decision", at, attributes, null, null));
  }

  private static List<String> recipients(MimeMessage m) {
    try {
      return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
