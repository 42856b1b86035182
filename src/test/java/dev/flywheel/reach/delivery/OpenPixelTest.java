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
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The open pixel of HTML e-mails, over real SMTP (GreenMail): the received mail's HTML part holds
 * {@code /r/<token>.gif}; loading it answers a 1×1 GIF and records OPENED once (one history row;
 * the status-change event is published with it) however often it loads; tampered tokens record
 * nothing.
 */
@RunningFlywheel
class OpenPixelTest {
  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());
  private static final Pattern PIXEL = Pattern.compile("<img src=\"http://localhost:8080(/r/([A-Za-z0-9_-]+)\\.gif)\"");
  private static final Pattern LINK = Pattern.compile("/r/([A-Za-z0-9_-]+)");
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  @Autowired TestTenants tenants;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate tx;
  @Autowired Delivery delivery;
  @Autowired Attempts attempts;
  @Autowired MovableClock clock;
  @LocalServerPort int port;

  @Test
  void loadingThePixelMarksTheMailOpenedOnce() throws Exception {
    var fixture = new DeliveryFixture(jdbc, tx, delivery, clock);
    long tenant = tenantWithMailer("C-1");
    long id = fixture.queue(tenant, "C-1", Channel.EMAIL, null, "Your offer",
        "Hello Alice,\nsee https://example.com/offer?id=7. Thanks!");
    attempts.runDue(tenant, 10);
    MimeMessage mail = received("alice-C-1@example.com");
    String html = MailParts.html(mail).orElseThrow();
    assertThat(MailParts.text(mail)).startsWith("Hello Alice,").doesNotContain(".gif");
    assertThat(html).contains("<br>").containsPattern("<a href=\"http://localhost:8080/r/[A-Za-z0-9_-]+\">");
    Matcher pixel = PIXEL.matcher(html);
    assertThat(pixel.find()).as(html).isTrue();
    assertThat(fixture.status(id)).isEqualTo("SENT");

    clock.advance(Duration.ofMinutes(3));
    HttpResponse<byte[]> first = get(pixel.group(1));
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("Content-Type")).hasValue("image/gif");
    assertThat(first.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    assertThat(new String(Arrays.copyOf(first.body(), 6))).isEqualTo("GIF89a");
    clock.advance(Duration.ofMinutes(3));
    assertThat(get(pixel.group(1)).statusCode()).isEqualTo(200);
    assertThat(get(pixel.group(1)).statusCode()).isEqualTo(200);

    assertThat(fixture.status(id)).isEqualTo("OPENED");
    assertThat(fixture.history(id)).containsExactly("SENT", "OPENED");
    assertThat(((java.sql.Timestamp) fixture.delivery(id).get("opened_at")).toInstant())
        .isEqualTo(clock.instant().minus(Duration.ofMinutes(3)));
  }

  @Test
  void tamperedOrSwappedTokensAreRefusedAndRecordNothing() throws Exception {
    var fixture = new DeliveryFixture(jdbc, tx, delivery, clock);
    long tenant = tenantWithMailer("C-2");
    long id = fixture.queue(tenant, "C-2", Channel.EMAIL, null, "Offer", "See https://example.com/x");
    attempts.runDue(tenant, 10);
    String html = MailParts.html(received("alice-C-2@example.com")).orElseThrow();
    Matcher pixel = PIXEL.matcher(html);
    assertThat(pixel.find()).isTrue();
    String token = pixel.group(2);
    Matcher link = LINK.matcher(MailParts.text(received("alice-C-2@example.com")));
    assertThat(link.find()).isTrue();
    String clickToken = link.group(1);

    for (String bad : List.of(flip(token, token.length() - 1), flip(token, 0), token + "A", "not-a-token",
        clickToken)) {
      HttpResponse<byte[]> answer = get("/r/" + bad + ".gif");
      assertThat(answer.statusCode()).as(bad).isEqualTo(404);
      assertThat(new String(answer.body())).contains("\"code\":\"unknown-link\"");
    }
    assertThat(get("/r/" + token).statusCode()).as("a pixel token is no click link").isEqualTo(404);

    assertThat(fixture.history(id)).containsExactly("SENT");
    assertThat(fixture.status(id)).isEqualTo("SENT");
    assertThat(fixture.delivery(id).get("opened_at")).isNull();
  }

  private long tenantWithMailer(String customer) {
    var tenant = tenants.create();
    ApiClient api = new ApiClient(port, tenant.apiKey());
    assertThat(api.put("/api/v1/reach/providers/email", Map.of("name", "mailer",
        "smtp", Map.of("host", "127.0.0.1", "port", MAIL.getSmtp().getPort(), "from", "news@example.com")))
        .status()).isEqualTo(201);
    assertThat(api.put("/api/v1/customers/" + customer, Map.of("name", "Alice Wong",
        "email", "alice-" + customer + "@example.com")).status()).isEqualTo(201);
    return tenant.id();
  }

  private MimeMessage received(String to) {
    return Arrays.stream(MAIL.getReceivedMessages()).filter(m -> {
      try {
        return m.getAllRecipients()[0].toString().equals(to);
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).findFirst().orElseThrow();
  }

  private static String flip(String token, int at) {
    char c = token.charAt(at);
    return token.substring(0, at) + (c == 'A' ? 'B' : 'A') + token.substring(at + 1);
  }

  private HttpResponse<byte[]> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }
}
