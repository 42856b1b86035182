package dev.flywheel.reach.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.event.EventHistory;
import dev.flywheel.event.StoredEvent;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.reach.Channel;
import dev.flywheel.reach.delivery.send.Attempts;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tracked links: {@code /r/{token}} is public, records a message_click event per click, moves the
 * message to CLICKED once and redirects; a tampered token records nothing.
 */
@RunningFlywheel
class TrackedLinkTest {
  private static final Pattern TOKEN = Pattern.compile("/r/([A-Za-z0-9_-]+)");
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  @Autowired TestTenants tenants;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate tx;
  @Autowired Delivery delivery;
  @Autowired Attempts attempts;
  @Autowired EventHistory history;
  @Autowired MovableClock clock;
  @LocalServerPort int port;

  @Test
  void aClickRecordsAnEventMarksTheMessageClickedAndRedirects() throws Exception {
    var fixture = new DeliveryFixture(jdbc, tx, delivery, clock);
    var tenant = tenants.create();
    new ApiClient(port, tenant.apiKey()).put("/api/v1/customers/C-1", Map.of("name", "Wang Fang"));
    long id = fixture.queue(tenant.id(), "C-1", Channel.INBOX, null, "Offer",
        "Draw down now: https://example.com/draw?amount=5000, or read https://example.com/faq.");
    attempts.runDue(tenant.id(), 10);
    List<String> tokens = tokens((String) fixture.delivery(id).get("body"));
    assertThat(tokens).hasSize(2).allSatisfy(t -> assertThat(t.length()).isLessThanOrEqualTo(24));

    var first = get("/r/" + tokens.get(0));
    assertThat(first.statusCode()).isEqualTo(302);
    assertThat(first.headers().firstValue("Location")).hasValue("https://example.com/draw?amount=5000");
    var second = get("/r/" + tokens.get(1));
    assertThat(second.headers().firstValue("Location")).hasValue("https://example.com/faq");
    assertThat(get("/r/" + tokens.get(0)).statusCode()).isEqualTo(302);

    List<StoredEvent> clicks = clicks(tenant.id());
    assertThat(clicks).hasSize(3).allSatisfy(e -> assertThat(e.attributes()).containsEntry("message_id", "" + id));
    assertThat(clicks).extracting(e -> e.attributes().get("link")).containsExactlyInAnyOrder(
        "https://example.com/draw?amount=5000", "https://example.com/faq", "https://example.com/draw?amount=5000");
    assertThat(fixture.status(id)).isEqualTo("CLICKED");
    assertThat(fixture.history(id)).containsExactly("SENT", "DELIVERED", "CLICKED");
  }

  @Test
  void aTamperedTokenIsRefusedAndRecordsNothing() throws Exception {
    var fixture = new DeliveryFixture(jdbc, tx, delivery, clock);
    var tenant = tenants.create();
    new ApiClient(port, tenant.apiKey()).put("/api/v1/customers/C-2", Map.of("name", "Zhao Lei"));
    long id = fixture.queue(tenant.id(), "C-2", Channel.INBOX, null, "Offer", "See https://example.com/x");
    attempts.runDue(tenant.id(), 10);
    String token = tokens((String) fixture.delivery(id).get("body")).getFirst();

    for (String bad : List.of(flip(token, token.length() - 1), flip(token, 0), token + "A", "not-a-token", "")) {
      var answer = get("/r/" + bad);
      assertThat(answer.statusCode()).as(bad).isIn(400, 404);
      assertThat(answer.headers().firstValue("Location")).isEmpty();
    }
    var tampered = get("/r/" + flip(token, token.length() - 1));
    assertThat(tampered.body()).contains("\"code\":\"unknown-link\"");

    assertThat(clicks(tenant.id())).isEmpty();
    assertThat(fixture.status(id)).isEqualTo("DELIVERED");
  }

  private List<StoredEvent> clicks(long tenantId) {
    List<StoredEvent> found = new ArrayList<>();
    for (String customer : List.of("C-1", "C-2")) {
      history.lastEvents(tenantId, customer, 50, null).stream()
          .filter(e -> e.type().equals("message_click")).forEach(found::add);
    }
    return found;
  }

  private static List<String> tokens(String body) {
    List<String> tokens = new ArrayList<>();
    Matcher m = TOKEN.matcher(body);
    while (m.find()) {
      tokens.add(m.group(1));
    }
    return tokens;
  }

  private static String flip(String token, int at) {
    char c = token.charAt(at);
    return token.substring(0, at) + (c == 'A' ? 'B' : 'A') + token.substring(at + 1);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
