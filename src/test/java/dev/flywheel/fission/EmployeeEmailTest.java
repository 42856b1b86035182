package dev.flywheel.fission;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.platform.security.ConsoleUsers;
import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Employee notifications also go out as e-mail over the tenant's SMTP (GreenMail), once each. */
@RunningFlywheel
class EmployeeEmailTest {
  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @Autowired TestTenants tenants;
  @Autowired Activities activities;
  @Autowired Tasks tasks;
  @Autowired Helps helps;
  @Autowired Reminders reminders;
  @Autowired ConsoleUsers users;
  @Autowired EventIngestion events;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;

  @Test
  void createdStartAndCompletedAreMailedOnceEachThroughTheTenantsSmtp() throws Exception {
    var tenant = tenants.create();
    ApiClient api = new ApiClient(port, tenant.apiKey());
    assertThat(api.put("/api/v1/reach/providers/email", Map.of("name", "mailer",
        "smtp", Map.of("host", "127.0.0.1", "port", MAIL.getSmtp().getPort(), "from", "growth@bank.example")))
        .status()).isEqualTo(201);
    String address = "li.lei." + tenant.tenant().slug() + "@bank.example";
    long li = users.create(tenant.id(), address, "Li Lei", TestTenants.PASSWORD, EnumSet.of(Role.EMPLOYEE)).id();
    FissionFixtures fx = new FissionFixtures(activities, tasks, events, clock);
    Activity a = fx.create(tenant.id(), FissionFixtures.draft(2, false, true, clock.instant().plusSeconds(3600),
        clock.instant().plus(Duration.ofDays(3)), List.of(new Activity.Acquirer(li, "Hi, I am Li Lei"))));
    reminders.fire(tenant.id(), Reminders.instanceId(a.id(), "start"));
    reminders.fire(tenant.id(), Reminders.instanceId(a.id(), "start")); // fired twice: one e-mail

    clock.advance(Duration.ofHours(2));
    assertThat(tasks.contact(tenant.id(), a.id(), "c1").orElseThrow().userId()).isEqualTo(li);
    Task task = fx.task(tenant.id(), a, "c1", "d-c1");
    for (String h : List.of("h1", "h2")) {
      helps.help(new HelpRequest(tenant.id(), tasks.invite(task, a), h, "d-" + h, "ip-" + h));
    }

    List<MimeMessage> toLi = Arrays.stream(MAIL.getReceivedMessages())
        .filter(m -> recipients(m).contains(address)).toList();
    assertThat(toLi).extracting(MimeMessage::getSubject).containsOnly("[Flywheel] Invite friends").hasSize(3);
    assertThat(toLi).extracting(m -> m.getContent().toString().strip()).anySatisfy(body ->
        assertThat(body).startsWith("Fission activity \"Invite friends\" has started"))
        .anySatisfy(body -> assertThat(body).startsWith("Customer c1 completed task " + task.id()));
    assertThat(toLi.getFirst().getFrom()).extracting(Object::toString).containsExactly("growth@bank.example");
    assertThat(toLi).extracting(MimeMessage::getMessageID).allMatch(id -> id.matches("<staff-fission-notice-\\d+@bank\\.example>"))
        .doesNotHaveDuplicates();
    assertThat(emails(li)).containsExactlyInAnyOrder("created SENT null", "start SENT null",
        "completed-" + task.id() + " SENT null");

    // the tenant's own employee@<slug> user has no e-mail address: notified in the console only
    long plain = users.list(tenant.id()).stream().filter(u -> u.username().startsWith("employee@")).findFirst()
        .orElseThrow().id();
    assertThat(emails(plain)).containsExactlyInAnyOrder("created NOT_SENT no-address", "start NOT_SENT no-address");
  }

  @Test
  void withoutSmtpTheNoticeStaysAndTheEmailIsRecordedNotConfigured() {
    var tenant = tenants.create();
    String address = "han.mei." + tenant.tenant().slug() + "@bank.example";
    long han = users.create(tenant.id(), address, "Han Mei", TestTenants.PASSWORD, EnumSet.of(Role.EMPLOYEE)).id();
    FissionFixtures fx = new FissionFixtures(activities, tasks, events, clock);
    Activity a = fx.create(tenant.id(), FissionFixtures.draft(2, false, true, clock.instant().plusSeconds(3600),
        clock.instant().plus(Duration.ofDays(3)), List.of()));
    reminders.fire(tenant.id(), Reminders.instanceId(a.id(), "start"));

    assertThat(emails(han)).containsExactlyInAnyOrder("created NOT_SENT email-not-configured",
        "start NOT_SENT email-not-configured");
    assertThat(Arrays.stream(MAIL.getReceivedMessages()).filter(m -> recipients(m).contains(address))).isEmpty();
    assertThat(jdbc.sql("select count(*) from fission_notifications where user_id = :u").param("u", han)
        .query(Long.class).single()).isEqualTo(2);
  }

  @Test
  void anEmailToAnUnavailableMailServerIsRetriedWithBackoffAndSentOnceWhenItIsBack() throws Exception {
    int smtpPort;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      smtpPort = probe.getLocalPort(); // free again once closed: nothing listens there during the outage
    }
    var tenant = tenants.create();
    ApiClient api = new ApiClient(port, tenant.apiKey());
    assertThat(api.put("/api/v1/reach/providers/email", Map.of("name", "mailer",
        "smtp", Map.of("host", "127.0.0.1", "port", smtpPort, "from", "growth@bank.example"))).status()).isEqualTo(201);
    String address = "wang.fang." + tenant.tenant().slug() + "@bank.example";
    long wang = users.create(tenant.id(), address, "Wang Fang", TestTenants.PASSWORD, EnumSet.of(Role.EMPLOYEE)).id();
    FissionFixtures fx = new FissionFixtures(activities, tasks, events, clock);
    Activity a = fx.create(tenant.id(), FissionFixtures.draft(2, false, true, clock.instant().plusSeconds(3600),
        clock.instant().plus(Duration.ofDays(3)), List.of()));
    assertThat(attempts(wang)).containsExactly("created PENDING provider-unavailable 1");

    notices.retryEmails(); // not due yet: the first retry waits a minute
    assertThat(attempts(wang)).containsExactly("created PENDING provider-unavailable 1");
    clock.advance(Duration.ofSeconds(61));
    notices.retryEmails(); // still down: the next wait doubles
    assertThat(attempts(wang)).containsExactly("created PENDING provider-unavailable 2");

    com.icegreen.greenmail.util.GreenMail back = new com.icegreen.greenmail.util.GreenMail(
        new com.icegreen.greenmail.util.ServerSetup(smtpPort, "127.0.0.1", "smtp"));
    back.start();
    try {
      clock.advance(Duration.ofSeconds(61));
      notices.retryEmails();
      assertThat(attempts(wang)).containsExactly("created PENDING provider-unavailable 2"); // 2 minutes not yet over
      clock.advance(Duration.ofSeconds(61));
      notices.retryEmails();
      assertThat(attempts(wang)).containsExactly("created SENT null 3");
      clock.advance(Duration.ofHours(2));
      notices.retryEmails();
      reminders.fire(tenant.id(), Reminders.instanceId(a.id(), "created")); // a repeated notice: nothing new
      assertThat(Arrays.stream(back.getReceivedMessages()).filter(m -> recipients(m).contains(address)))
          .extracting(MimeMessage::getMessageID).singleElement().asString().startsWith("<staff-fission-notice-");
    } finally {
      back.stop();
    }
  }

  @Autowired Notices notices;

  private List<String> attempts(long userId) {
    return jdbc.sql("select kind, email_status, email_reason, email_attempts from fission_notifications where user_id = :u")
        .param("u", userId).query((rs, i) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " "
            + rs.getInt(4)).list();
  }

  private List<String> emails(long userId) {
    return jdbc.sql("select kind, email_status, email_reason from fission_notifications where user_id = :u")
        .param("u", userId).query((rs, i) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)).list();
  }

  private static List<String> recipients(MimeMessage m) {
    try {
      return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
