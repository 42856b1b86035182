package dev.flywheel.journey;

import static dev.flywheel.reach.Channel.PHONE_TASK;
import static dev.flywheel.reach.Channel.PUSH;
import static dev.flywheel.reach.Channel.SMS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.security.Role;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.ConsoleSession;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The weekly reach review of the approved-not-drawn journey over two ISO weeks with two push
 * copies: every row (week × version × step × copy) equals a naive per-message tally in Java, and
 * the console page and Markdown show it.
 */
@RunningFlywheel
class JourneyWeeklyReviewTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  @Autowired ApplicationContext context;
  @LocalServerPort int port;
  JourneyWorld world;

  @Test
  void weeklyFiguresPerCopyAndVersionMatchANaiveTally() throws Exception {
    world = JourneyWorld.from(context);
    world.template("drawdown-push", List.of(PUSH), "Your credit line is ready", "Draw down today, ¥0 fee");
    world.template("drawdown-sms", List.of(SMS), "Your credit line is waiting for you");
    world.template("drawdown-call", List.of(PHONE_TASK), "Call: approved, not drawn down");
    long journey = world.fromTemplate("approved-not-drawn", Map.of());
    var api = new ApiClient(port, world.tenant.apiKey());
    assertThat(api.get("/api/v1/journeys/" + journey + "/weekly-review").<List<?>>get("rows")).as("no messages yet").isEmpty();

    LocalDate monday = world.clock.instant().atZone(SHANGHAI).toLocalDate().with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    world.clock.set(monday.atTime(LocalTime.of(10, 0)).atZone(SHANGHAI).toInstant());
    cohort(world, List.of("a1", "a2", "a3", "a4"), List.of("a1", "a2", "a3"), List.of("a1", "a2"), List.of("a1"), "a1");
    world.pass(Duration.ofDays(5));
    world.dispatcher.dispatchDue();
    world.clock.set(monday.plusDays(7).atTime(LocalTime.of(10, 0)).atZone(SHANGHAI).toInstant());
    cohort(world, List.of("b1", "b2"), List.of("b1", "b2"), List.of("b1"), List.of("b1", "b2"), "b2");
    world.pass(Duration.ofDays(5));
    world.dispatcher.dispatchDue();

    Map<String, long[]> naive = naive(world.id(), journey);
    var review = api.get("/api/v1/journeys/" + journey + "/weekly-review");
    assertThat(review.status()).isEqualTo(200);
    List<Map<String, Object>> rows = review.get("rows");
    Map<String, long[]> reported = new TreeMap<>();
    for (var r : rows) {
      reported.put(r.get("week") + "|v" + r.get("version") + "|" + r.get("step") + "|" + r.get("variant"), new long[] {
          n(r, "messages"), n(r, "delivered"), n(r, "opened"), n(r, "clicked"), n(r, "converted")});
    }
    assertThat(reported.keySet()).isEqualTo(naive.keySet());
    naive.forEach((k, v) -> assertThat(reported.get(k)).as(k).containsExactly(v));
    assertThat(naive.keySet()).anyMatch(k -> k.startsWith(monday + "|")).anyMatch(k -> k.startsWith(monday.plusDays(7) + "|"));
    // the push step over both copies, per week: what the scenario made happen (a click counts as opened)
    assertThat(pushWeek(naive, monday)).containsExactly(4, 3, 2, 1, 1);
    assertThat(pushWeek(naive, monday.plusDays(7))).containsExactly(2, 2, 2, 2, 1);
    List<Map<String, Object>> weeks = review.get("weeks");
    assertThat(weeks).extracting(w -> w.get("week")).containsExactly(monday.toString(), monday.plusDays(7).toString());

    var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://localhost:" + port + "/api/v1/journeys/" + journey + "/weekly-review.md"))
        .header("Authorization", "Bearer " + world.tenant.apiKey()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/markdown");
    String md = response.body();
    String isoWeek = (String) rows.getFirst().get("iso_week");
    assertThat(md).contains("# Weekly reach review", "## Per copy and version", "| " + isoWeek + " | v1 | push | copy-");
    var console = new ConsoleSession(port).login(world.tenant.user(Role.OPERATOR), TestTenants.PASSWORD);
    String html = console.get("/console/journeys/" + journey + "/weekly-review").body();
    assertThat(html).contains("id=\"chart-weekly-reach\"", "data-week=\"" + isoWeek + "\"", "Click rate");
    assertThat(console.get("/console/journeys/" + journey + "/report").body()).contains("journey-weekly-review-link");
    assertThat(console.get("/console/journeys/" + journey + "/weekly-review.md").body()).contains("## Per week");
    assertThat(api.get("/api/v1/journeys/999999/weekly-review").status()).isEqualTo(404);
  }

  /**
   * Customers approved now; the next day the push goes out, then delivery records what reached,
   * opened and clicked; {@code borrower} draws down (the goal).
   */
  private void cohort(JourneyWorld world, List<String> who, List<String> delivered, List<String> opened,
      List<String> clicked, String borrower) {
    for (String id : who) {
      world.customer(id);
      world.event(id, "registered", "platform", "app");
      world.event(id, "risk_decision", "result", "passed");
      world.event(id, "funder_decision", "funder", "f1", "result", "approved", "credit_line", new BigDecimal("8000.00"));
    }
    world.runDue();
    world.pass(Duration.ofDays(1));
    world.dispatcher.dispatchDue();
    world.clock.advance(Duration.ofMinutes(5));
    world.jdbc.sql("""
            update reach_deliveries d set sent_at = coalesce(d.sent_at, cast(:now as timestamptz)),
              delivered_at = case when m.customer_id = any(cast(:delivered as text[])) then cast(:now as timestamptz) end,
              opened_at = case when m.customer_id = any(cast(:opened as text[])) then cast(:now as timestamptz) end,
              clicked_at = case when m.customer_id = any(cast(:clicked as text[])) then cast(:now as timestamptz) end
            from reach_messages m where m.id = d.message_id and m.tenant_id = :t and m.customer_id = any(cast(:who as text[]))
              and m.channel = 'PUSH'""")
        .param("now", Timestamp.from(world.clock.instant())).param("t", world.id())
        .param("delivered", delivered.toArray(String[]::new)).param("opened", opened.toArray(String[]::new))
        .param("clicked", clicked.toArray(String[]::new)).param("who", who.toArray(String[]::new)).update();
    world.event(borrower, "drawdown", "amount", new BigDecimal("3000.00"));
  }

  /** Per message, in Java: week of planning (Shanghai), source, copy, how far it got, and its run's exit. */
  private Map<String, long[]> naive(long tenantId, long journey) {
    Map<String, long[]> out = new TreeMap<>();
    Map<Long, Boolean> goal = new HashMap<>();
    world.jdbc.sql("""
            select s.message_id, r.exit_reason = 'goal-reached' from journey_steps s join journey_runs r on r.id = s.run_id
            where s.tenant_id = :t and s.journey_id = :j and s.message_id is not null""")
        .param("t", tenantId).param("j", journey)
        .query(rs -> {
          goal.put(rs.getLong(1), rs.getBoolean(2));
        });
    world.jdbc.sql("""
            select m.id, m.source, coalesce(m.variant, ''), m.created_at, d.delivered_at, d.opened_at, d.clicked_at
            from reach_messages m left join reach_deliveries d on d.message_id = m.id
            where m.tenant_id = :t and m.source like :prefix""")
        .param("t", tenantId).param("prefix", "journey/" + journey + "/%")
        .query(rs -> {
          LocalDate week = rs.getTimestamp(4).toInstant().atZone(SHANGHAI).toLocalDate()
              .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
          String[] source = rs.getString(2).split("/");
          long[] row = out.computeIfAbsent(week + "|" + source[2] + "|" + source[4] + "|" + rs.getString(3),
              k -> new long[5]);
          boolean clicked = rs.getTimestamp(7) != null;
          boolean opened = clicked || rs.getTimestamp(6) != null;
          row[0]++;
          row[1] += opened || rs.getTimestamp(5) != null ? 1 : 0;
          row[2] += opened ? 1 : 0;
          row[3] += clicked ? 1 : 0;
          row[4] += goal.getOrDefault(rs.getLong(1), false) ? 1 : 0;
        });
    return out;
  }

  private static long[] pushWeek(Map<String, long[]> rows, LocalDate week) {
    long[] sum = new long[5];
    rows.forEach((k, v) -> {
      if (k.startsWith(week + "|v1|push|")) {
        for (int i = 0; i < 5; i++) {
          sum[i] += v[i];
        }
      }
    });
    return sum;
  }

  private static long n(Map<String, Object> row, String field) {
    return ((Number) row.get(field)).longValue();
  }
}
