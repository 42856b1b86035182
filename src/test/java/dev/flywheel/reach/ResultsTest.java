package dev.flywheel.reach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.customer.Customers;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.reach.delivery.ProviderServer;
import dev.flywheel.platform.signing.Signatures;
import dev.flywheel.reach.delivery.send.Attempts;
import dev.flywheel.reach.plan.BestTime;
import dev.flywheel.reach.plan.Dispatcher;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Figures by source and variant, variant results with conversions, and the best-contact-time
 * experiment. Delivery is real: push goes to a local HTTP provider, which reports deliveries through
 * signed receipts, and customers click the tracked links.
 */
@RunningFlywheel
class ResultsTest {
  @Autowired TestTenants tenants;
  @Autowired Customers customers;
  @Autowired EventIngestion events;
  @Autowired MessageTemplates templates;
  @Autowired Reach reach;
  @Autowired Dispatcher dispatcher;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired Attempts attempts;
  @LocalServerPort int port;
  private static final String SECRET = "push-gateway-secret-0123456789";
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  TestTenants.TestTenant tenant;
  ReachFixture f;

  @BeforeEach
  void tenant() {
    tenant = tenants.create();
    f = new ReachFixture(tenant.id(), customers, events, templates, reach, dispatcher, clock, jdbc);
    f.at(LocalTime.of(11, 0));
  }

  @Test
  void figuresAndVariantResultsCountHowFarMessagesGot() throws Exception {
    MessageTemplate t = templates.save(f.tenantId(), new MessageTemplate.Draft("recall", Channel.PUSH, false,
        "app_login", List.of(new MessageTemplate.Variant("caring", 1, "Hi", "We miss you https://example.com/back"),
            new MessageTemplate.Variant("official", 1, "Notice", "Notice https://example.com/back"))), "test");
    try (ProviderServer push = new ProviderServer(SECRET)) {
      long provider = ((Number) new ApiClient(port, tenant.apiKey()).put("/api/v1/reach/providers/push",
          Map.of("name", "push-gateway", "url", push.url(), "secret", SECRET)).get("id")).longValue();
      for (int i = 0; i < 12; i++) {
        f.customer("f-" + i);
        f.send("f-" + i, Channel.PUSH, MessageCategory.MARKETING, "recall", "recall/" + i);
      }
      f.customer("out");
      jdbc.sql("""
              insert into customer_consents (tenant_id, customer_id, channel, granted, opted_out_at, updated_at)
              values (:t, 'out', 'push', false, now(), now())""").param("t", f.tenantId()).update();
      f.send("out", Channel.PUSH, MessageCategory.MARKETING, "recall", "recall/out");
      dispatcher.dispatchDue();
      attempts.runDue(f.tenantId(), 100);
      clock.advance(Duration.ofMinutes(5));
      // the provider reports f-0..5 delivered; f-0..2 click the link; f-0 and f-1 log in afterwards
      for (int i = 0; i < 6; i++) {
        receipt(provider, message("f-" + i), "delivered");
      }
      for (int i = 0; i < 3; i++) {
        click(message("f-" + i));
      }
    }
    for (String who : List.of("f-0", "f-1")) {
      events.ingest(f.tenantId(), IncomingEvent.of(UUID.randomUUID().toString(), who, "app_login",
          clock.instant(), Map.of()));
    }
    assertThat(reach.figures(f.tenantId(), "journey/")).isEmpty();
    List<MessageFigures> figures = reach.figures(f.tenantId(), "test/");
    assertThat(figures.stream().mapToLong(MessageFigures::planned).sum()).isEqualTo(12);
    assertThat(figures.stream().mapToLong(MessageFigures::sent).sum()).isEqualTo(12);
    assertThat(figures.stream().mapToLong(MessageFigures::delivered).sum()).isEqualTo(6);
    assertThat(figures.stream().mapToLong(MessageFigures::clicked).sum()).isEqualTo(3);
    assertThat(figures).extracting(MessageFigures::source).containsOnly("test/recall");
    assertThat(figures.stream().mapToLong(MessageFigures::refused).sum()).as("opted out: refused at send, not stored")
        .isZero();

    List<VariantResult> results = templates.results(f.tenantId(), t);
    assertThat(results).extracting(VariantResult::variant).containsExactly("caring", "official");
    assertThat(results.stream().mapToLong(VariantResult::queued).sum()).isEqualTo(12);
    assertThat(results.stream().mapToLong(VariantResult::clicked).sum()).isEqualTo(3);
    assertThat(results.stream().mapToLong(VariantResult::converted).sum()).isEqualTo(2);
    for (VariantResult r : results) {
      long expected = jdbc.sql("""
              select count(*) from reach_messages where tenant_id = :t and variant = :v and customer_id in ('f-0', 'f-1')""")
          .param("t", f.tenantId()).param("v", r.variant()).query(Long.class).single();
      assertThat(r.converted()).as(r.variant()).isEqualTo(expected);
    }
  }

  private long message(String customer) {
    return jdbc.sql("select id from reach_messages where tenant_id = :t and customer_id = :c")
        .param("t", f.tenantId()).param("c", customer).query(Long.class).single();
  }

  /** A signed provider receipt, as the push gateway would post it. */
  private void receipt(long provider, long messageId, String status) throws Exception {
    String body = "{\"message_id\":" + messageId + ",\"status\":\"" + status + "\"}";
    long now = clock.instant().getEpochSecond();
    var answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/reach/receipts/"
            + provider)).header("Content-Type", "application/json")
        .header(Signatures.TIMESTAMP, Long.toString(now))
        .header(Signatures.SIGNATURE, Signatures.sign(SECRET, now, body.getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
  }

  /** The customer follows the tracked link in the message they received. */
  private void click(long messageId) throws Exception {
    Matcher token = Pattern.compile("/r/([A-Za-z0-9_-]+)").matcher(jdbc.sql(
        "select body from reach_deliveries where message_id = :id").param("id", messageId).query(String.class).single());
    assertThat(token.find()).isTrue();
    assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/r/" + token.group(1)))
        .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(302);
  }

  @Test
  void bestContactTimeSendsAtTheCustomersHourAndTheOtherArmAtTheFixedHour() throws Exception {
    MessageTemplate t = templates.save(f.tenantId(), new MessageTemplate.Draft("nudge", Channel.PUSH, true, null,
        List.of(new MessageTemplate.Variant("caring", 1, "Hi", "Hello"))), "test");
    String best = null;
    String fixed = null;
    for (int i = 0; best == null || fixed == null; i++) {
      String id = "bt-" + i;
      if (BestTime.BEST.equals(BestTime.arm(t.id(), id))) {
        best = best == null ? id : best;
      } else {
        fixed = fixed == null ? id : fixed;
      }
    }
    f.customer(best);
    f.customer(fixed);
    // best received an in-app message and clicked its link at 20:xx Shanghai time
    f.template("news", Channel.INBOX, "News https://example.com/news");
    long old = f.queued(f.send(best, Channel.INBOX, MessageCategory.SERVICE, "news", "old"));
    dispatcher.dispatchDue();
    attempts.runDue(f.tenantId(), 10);
    clock.set(clock.instant().atZone(ReachFixture.SHANGHAI).with(LocalTime.of(20, 15)).toInstant());
    click(old);
    clock.advance(Duration.ofDays(1));

    var toBest = (SendOutcome.Queued) f.send(best, Channel.PUSH, MessageCategory.MARKETING, "nudge", "b");
    var toFixed = (SendOutcome.Queued) f.send(fixed, Channel.PUSH, MessageCategory.MARKETING, "nudge", "f");
    assertThat(toBest.plannedAt().atZone(ReachFixture.SHANGHAI).toLocalTime()).isEqualTo(LocalTime.of(20, 0));
    assertThat(toFixed.plannedAt().atZone(ReachFixture.SHANGHAI).toLocalTime()).isEqualTo(LocalTime.of(10, 0));
    assertThat(toFixed.plannedAt()).isAfter(clock.instant());
    assertThat(jdbc.sql("select send_arm from reach_messages where id = :id").param("id", toBest.messageId())
        .query(String.class).single()).isEqualTo(BestTime.BEST);
    assertThat(jdbc.sql("select send_arm from reach_messages where id = :id").param("id", toFixed.messageId())
        .query(String.class).single()).isEqualTo(BestTime.FIXED);
    assertThat(templates.armResults(f.tenantId(), t)).extracting(VariantResult::variant)
        .containsExactly(BestTime.BEST, BestTime.FIXED);
    var service = (SendOutcome.Queued) f.send(fixed, Channel.PUSH, MessageCategory.SERVICE, "nudge", "s");
    assertThat(service.plannedAt()).as("service messages are not moved").isEqualTo(clock.instant());
  }
}
