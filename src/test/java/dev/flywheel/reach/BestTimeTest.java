package dev.flywheel.reach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.customer.Customers;
import dev.flywheel.customer.LifecycleStage;
import dev.flywheel.customer.stage.LifecycleJob;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.reach.delivery.send.Attempts;
import dev.flywheel.reach.plan.BestTime;
import dev.flywheel.reach.plan.Dispatcher;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Best contact time falls back from the customer's own hour (enough history) to their segment's
 * (lifecycle stage) to the tenant's. Engagement is real: in-app messages are delivered, and their
 * tracked links are clicked over HTTP at chosen (moved-clock) hours.
 */
@RunningFlywheel
class BestTimeTest {
  private static final Pattern TOKEN = Pattern.compile("/r/([A-Za-z0-9_-]+)");
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  @Autowired TestTenants tenants;
  @Autowired Customers customers;
  @Autowired EventIngestion events;
  @Autowired MessageTemplates templates;
  @Autowired Reach reach;
  @Autowired Dispatcher dispatcher;
  @Autowired Attempts attempts;
  @Autowired LifecycleJob lifecycle;
  @Autowired BestTime bestTime;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;

  @Test
  void aCustomerWithTooLittleHistoryGetsTheirSegmentsHourThenTheTenants() throws Exception {
    var f = new ReachFixture(tenants.create().id(), customers, events, templates, reach, dispatcher, clock, jdbc);
    f.at(LocalTime.of(11, 0));
    MessageTemplate nudge = templates.save(f.tenantId(), new MessageTemplate.Draft("nudge", Channel.INBOX, true,
        null, List.of(new MessageTemplate.Variant("caring", 1, "Hi", "Hello"))), "test");
    String newbie = inBestArm(nudge.id(), "nb-");
    f.template("news", Channel.INBOX, "News: https://example.com/news");
    // heavy and act registered 8 days ago: heavy is TO_BE_RETAINED, act logged in again and is ACTIVE
    register(f, "heavy");
    register(f, "act");
    clock.advance(Duration.ofDays(8));
    lifecycle.recompute(f.tenantId(), clock.instant());
    login(f, "act");
    List<String> fresh = List.of("n-1", "n-2", "n-3", newbie);
    fresh.forEach(id -> register(f, id));
    assertThat(stage(f, "heavy")).isEqualTo(LifecycleStage.TO_BE_RETAINED);
    assertThat(stage(f, "act")).isEqualTo(LifecycleStage.ACTIVE);
    assertThat(stage(f, newbie)).isEqualTo(LifecycleStage.NEW);

    // heavy clicks four messages at 20:xx; the three other NEW customers one each at 08:xx
    LocalDate today = clock.instant().atZone(ReachFixture.SHANGHAI).toLocalDate();
    List<String> heavyTokens = news(f, "heavy", 4);
    List<String> newTokens = List.of("n-1", "n-2", "n-3").stream().flatMap(c -> news(f, c, 1).stream()).toList();
    clock.set(today.atTime(20, 15).atZone(ReachFixture.SHANGHAI).toInstant());
    click(heavyTokens);
    clock.set(today.plusDays(1).atTime(8, 15).atZone(ReachFixture.SHANGHAI).toInstant());
    click(newTokens);

    assertThat(pick(f, "heavy")).as("enough own history").isEqualTo(new BestTime.Pick(20, BestTime.Basis.CUSTOMER));
    assertThat(pick(f, "n-1")).as("one own click is too little: the NEW segment's hour")
        .isEqualTo(new BestTime.Pick(8, BestTime.Basis.SEGMENT));
    assertThat(pick(f, newbie)).as("no history: the NEW segment's hour, not the tenant's 20:00")
        .isEqualTo(new BestTime.Pick(8, BestTime.Basis.SEGMENT));
    assertThat(pick(f, "act")).as("ACTIVE has no engagement yet: the tenant's hour")
        .isEqualTo(new BestTime.Pick(20, BestTime.Basis.TENANT));

    clock.set(today.plusDays(1).atTime(11, 0).atZone(ReachFixture.SHANGHAI).toInstant());
    var planned = (SendOutcome.Queued) f.send(newbie, Channel.INBOX, MessageCategory.MARKETING, "nudge", "nudge");
    assertThat(planned.plannedAt())
        .isEqualTo(today.plusDays(2).atTime(8, 0).atZone(ReachFixture.SHANGHAI).toInstant());
    assertThat(jdbc.sql("select segment from reach_messages where id = :id").param("id", planned.messageId())
        .query(String.class).single()).isEqualTo("NEW");
  }

  @Test
  void aTenantWithoutAnyEngagementHasNoBestHour() {
    var f = new ReachFixture(tenants.create().id(), customers, events, templates, reach, dispatcher, clock, jdbc);
    register(f, "quiet");
    assertThat(pick(f, "quiet")).isNull();
  }

  private BestTime.Pick pick(ReachFixture f, String customer) {
    var profile = customers.find(f.tenantId(), customer).orElseThrow();
    return bestTime.hour(f.tenantId(), customer, BestTime.segmentOf(profile), ReachFixture.SHANGHAI,
        clock.instant()).orElse(null);
  }

  private static String inBestArm(long templateId, String prefix) {
    for (int i = 0; ; i++) {
      if (BestTime.BEST.equals(BestTime.arm(templateId, prefix + i))) {
        return prefix + i;
      }
    }
  }

  private void register(ReachFixture f, String id) {
    f.customer(id);
    events.ingest(f.tenantId(), IncomingEvent.of(UUID.randomUUID().toString(), id, "registered",
        clock.instant(), Map.of("platform", "app")));
  }

  private void login(ReachFixture f, String id) {
    events.ingest(f.tenantId(), IncomingEvent.of(UUID.randomUUID().toString(), id, "app_login",
        clock.instant(), Map.of()));
  }

  private LifecycleStage stage(ReachFixture f, String id) {
    return customers.find(f.tenantId(), id).orElseThrow().lifecycle().stage();
  }

  /** Sends {@code count} transactional inbox messages, delivers them, returns their link tokens. */
  private List<String> news(ReachFixture f, String customer, int count) {
    List<Long> ids = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(f.queued(f.send(customer, Channel.INBOX, MessageCategory.TRANSACTIONAL, "news",
          customer + "/news/" + i)));
    }
    dispatcher.dispatchDue(100_000);
    attempts.runDue(f.tenantId(), 100);
    return ids.stream().map(id -> {
      Matcher m = TOKEN.matcher(jdbc.sql("select body from reach_deliveries where message_id = :id")
          .param("id", id).query(String.class).single());
      assertThat(m.find()).isTrue();
      return m.group(1);
    }).toList();
  }

  private void click(List<String> tokens) throws Exception {
    for (String token : tokens) {
      HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(
          URI.create("http://localhost:" + port + "/r/" + token)).GET().build(), HttpResponse.BodyHandlers.discarding());
      assertThat(answer.statusCode()).isEqualTo(302);
    }
  }
}
