package dev.flywheel.fission;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.ledger.LedgerInvariants;
import dev.flywheel.platform.customersession.CustomerSessions;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Fission over HTTP: the API (API key), the customer endpoints (session token), SSE, H5 pages, posters. */
@RunningFlywheel
class FissionApiTest {
  @Autowired TestTenants tenants;
  @Autowired CustomerSessions sessions;
  @Autowired EventIngestion events;
  @Autowired Activities activities;
  @Autowired Tasks tasks;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;
  TestTenants.TestTenant tenant;
  ApiClient api;
  FissionFixtures fx;

  @BeforeEach
  void setUp() {
    tenant = tenants.create();
    api = new ApiClient(port, tenant.apiKey());
    fx = new FissionFixtures(activities, tasks, events, clock);
  }

  @AfterEach
  void invariantsHold() {
    LedgerInvariants.assertHold(jdbc);
  }

  private ApiClient customer(String id) {
    return new ApiClient(port, sessions.issue(tenant.id(), id, null).token());
  }

  private Map<String, Object> body(int n) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", "Spring invite");
    body.put("rules", "Two new friends help, you get 88 points");
    body.put("starts_at", clock.instant().minus(Duration.ofMinutes(1)).toString());
    body.put("ends_at", clock.instant().plus(Duration.ofDays(3)).toString());
    body.put("helpers_needed", n);
    body.put("reward", Map.of("asset", "POINTS", "amount", 88, "max_rewards", 10));
    body.put("customer_script", "Help me win 88 points!");
    body.put("qr_area", Map.of("x", 100, "y", 100, "size", 300));
    return body;
  }

  @Test
  void anActivityIsConfiguredByApiAndInvalidFieldsAreNamed() {
    Map<String, Object> bad = body(0);
    bad.put("ends_at", "yesterday");
    bad.put("reward", Map.of("asset", "GOLD", "amount", -1));
    ApiClient.Response refused = api.post("/api/v1/fission/activities", bad);
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.code()).isEqualTo("validation-failed");
    assertThat(refused.raw()).contains("ends_at").contains("reward.asset");

    ApiClient.Response created = api.post("/api/v1/fission/activities", body(2));
    assertThat(created.status()).isEqualTo(201);
    assertThat((Integer) created.get("helpers_needed")).isEqualTo(2);
    assertThat((Integer) created.get("reward.amount")).isEqualTo(88);
    Number id = created.get("id");
    assertThat(api.get("/api/v1/fission/activities/" + id).status()).isEqualTo(200);
    assertThat(activities.budget(tenant.id(), id.longValue()).lines()).isNotEmpty();
    assertThat(new ApiClient(port, tenants.create().apiKey()).get("/api/v1/fission/activities/" + id).status())
        .as("another tenant").isEqualTo(404);
  }

  @Test
  void aCustomerStartsATaskHelpersHelpProgressStreamsAndTheRewardIsRedeemedOnce() throws Exception {
    Number id = api.post("/api/v1/fission/activities", body(2)).get("id");
    fx.register(tenant.id(), "f-1"); // new customers: registered after the start, unknown before
    fx.register(tenant.id(), "f-2");
    fx.register(tenant.id(), "f-3");
    ApiClient owner = customer("owner-1");
    ApiClient.Response started = owner.post("/api/v1/customer/fission/activities/" + id + "/tasks", Map.of("device_id", "dev-o"));
    assertThat(started.status()).isEqualTo(201);
    Number taskId = started.get("id");
    String inviteUrl = started.get("invite_url");
    String invite = URI.create(inviteUrl).getQuery().replace("invite=", "");
    assertThat(owner.post("/api/v1/customer/fission/activities/" + id + "/tasks", Map.of()).status()).isEqualTo(200);

    // the poster carries the invite link in its QR code
    HttpResponse<byte[]> poster = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
        "http://localhost:" + port + "/h5/fission/activities/" + id + "/poster.png?token="
            + sessions.issue(tenant.id(), "owner-1", null).token())).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(poster.statusCode()).isEqualTo(200);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(poster.body()));
    assertThat(image.getWidth()).isEqualTo(750);
    String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
        new BufferedImageLuminanceSource(image.getSubimage(90, 90, 320, 320))))).getText();
    assertThat(decoded).isEqualTo(inviteUrl);

    // a real HTTP client reads the SSE stream while two helpers help
    BlockingQueue<String> stream = new LinkedBlockingQueue<>();
    HttpClient sse = HttpClient.newHttpClient();
    var pending = sse.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port
        + "/api/v1/customer/fission/tasks/" + taskId + "/progress")).header("Accept", "text/event-stream")
        .header("Authorization", "Bearer " + sessions.issue(tenant.id(), "owner-1", null).token()).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    HttpResponse<java.io.InputStream> res = pending.get(10, TimeUnit.SECONDS);
    assertThat(res.statusCode()).isEqualTo(200);
    Thread reader = Thread.ofVirtual().start(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          if (line.startsWith("data:")) {
            stream.add(line.substring(5));
          }
        }
      } catch (java.io.IOException ignored) {
        // the test closed the stream
      }
    });
    assertThat(stream.poll(10, TimeUnit.SECONDS)).contains("\"helps\":0");

    assertThat(owner.post("/api/v1/customer/fission/tasks/" + taskId + "/redemption", Map.of()).code())
        .isEqualTo("task-not-complete");
    ApiClient.Response first = customer("f-1").post("/api/v1/customer/fission/helps", Map.of("invite", invite, "device_id", "d1"));
    assertThat(first.status()).isEqualTo(200);
    assertThat((String) first.get("status")).isEqualTo("COUNTED");
    assertThat(stream.poll(10, TimeUnit.SECONDS)).contains("\"helps\":1");
    ApiClient.Response twice = customer("f-1").post("/api/v1/customer/fission/helps", Map.of("invite", invite));
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.code()).isEqualTo("already-helped");
    assertThat(owner.post("/api/v1/customer/fission/helps", Map.of("invite", invite)).code()).isEqualTo("own-task");
    assertThat(customer("f-2").post("/api/v1/customer/fission/helps", Map.of("invite", invite + "x")).code())
        .isEqualTo("invalid-invite");
    assertThat(customer("f-2").post("/api/v1/customer/fission/helps", Map.of("invite", invite, "device_id", "d2"))
        .status()).isEqualTo(200);
    assertThat(stream.poll(10, TimeUnit.SECONDS)).contains("\"helps\":2").contains("\"complete\":true");
    ApiClient.Response full = customer("f-3").post("/api/v1/customer/fission/helps", Map.of("invite", invite, "device_id", "d3"));
    assertThat(full.code()).isEqualTo("task-full");
    assertThat((String) full.get("detail")).contains("Start your own");
    res.body().close();
    reader.join(2000);

    ApiClient.Response redeemed = owner.post("/api/v1/customer/fission/tasks/" + taskId + "/redemption", Map.of());
    assertThat(redeemed.status()).isEqualTo(200);
    assertThat((Boolean) redeemed.get("replayed")).isFalse();
    ApiClient.Response again = api.post("/api/v1/fission/tasks/" + taskId + "/redemption", Map.of());
    assertThat((Boolean) again.get("replayed")).isTrue();
    assertThat((Object) again.get("grant_id")).isEqualTo(redeemed.get("grant_id"));
    assertThat(jdbc.sql("select count(*) from ledger_grants where source_event_id = :s")
        .param("s", "fission-task:" + taskId).query(Long.class).single()).isEqualTo(1);

    ApiClient.Response results = api.get("/api/v1/fission/activities/" + id + "/results");
    assertThat((Integer) results.get("funnel.customersParticipating")).isEqualTo(1);
    assertThat((Integer) results.get("funnel.customersCompleted")).isEqualTo(1);
    HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:"
        + port + "/api/v1/fission/activities/" + id + "/results.csv")).header("Authorization", "Bearer " + tenant.apiKey())
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(csv.body()).startsWith("section,employees_participating").contains("funnel,1,1,1,2,1");
  }

  @Test
  void anUploadedPosterGetsThePersonalQrInItsReservedAreaAndAnUnreadableOneIsRefused() throws Exception {
    BufferedImage art = new BufferedImage(600, 900, BufferedImage.TYPE_INT_RGB);
    java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
    ImageIO.write(art, "png", png);
    Map<String, Object> bad = body(2);
    bad.put("poster_base64", java.util.Base64.getEncoder().encodeToString("not an image".getBytes()));
    bad.put("poster_type", "image/png");
    assertThat(api.post("/api/v1/fission/activities", bad).raw()).contains("\"field\":\"poster\"");
    Map<String, Object> good = body(2);
    good.put("poster_base64", java.util.Base64.getEncoder().encodeToString(png.toByteArray()));
    good.put("poster_type", "image/png");
    good.put("qr_area", Map.of("x", 250, "y", 550, "size", 300));
    Number id = api.post("/api/v1/fission/activities", good).get("id");
    String token = sessions.issue(tenant.id(), "artist", null).token();
    String inviteUrl = new ApiClient(port, token).post("/api/v1/customer/fission/activities/" + id + "/tasks", Map.of())
        .get("invite_url");
    HttpResponse<byte[]> poster = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
        "http://localhost:" + port + "/h5/fission/activities/" + id + "/poster.png?token=" + token)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(poster.body()));
    assertThat(image.getWidth()).isEqualTo(600);
    assertThat(image.getHeight()).isEqualTo(900);
    assertThat(new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
        new BufferedImageLuminanceSource(image.getSubimage(240, 540, 320, 320))))).getText()).isEqualTo(inviteUrl);
  }

  @Test
  void aHelpOnAnEndedActivityAndAnExpiredSessionAreRefusedAndNothingIsWritten() {
    Number id = api.post("/api/v1/fission/activities", body(2)).get("id");
    ApiClient owner = customer("o");
    String inviteUrl = owner.post("/api/v1/customer/fission/activities/" + id + "/tasks", Map.of()).get("invite_url");
    String invite = URI.create(inviteUrl).getQuery().replace("invite=", "");
    clock.advance(Duration.ofDays(4));
    ApiClient late = customer("late");
    ApiClient.Response ended = late.post("/api/v1/customer/fission/helps", Map.of("invite", invite));
    assertThat(ended.code()).isIn("activity-ended", "invite-expired");
    assertThat(customer("late-2").post("/api/v1/customer/fission/activities/" + id + "/tasks", Map.of()).code())
        .isEqualTo("activity-ended");
    assertThat(jdbc.sql("select count(*) from fission_helps where activity_id = :a").param("a", id.longValue())
        .query(Long.class).single()).isZero();
    assertThat(new ApiClient(port, "v1.1.2.x.y").post("/api/v1/customer/fission/helps", Map.of()).status()).isEqualTo(401);
  }

  @Test
  void theH5PagesShowEachStateAndEveryRefusalKindly() {
    Activity a = fx.running(tenant.id(), 2, true, true);
    Task task = fx.task(tenant.id(), a, "page-owner", "po");
    String token = sessions.issue(tenant.id(), "page-owner", null).token();
    String page = get("/h5/fission/activities/" + a.id() + "?token=" + token);
    assertThat(page).contains("id=\"progress-card\"").contains("poster.png").contains("id=\"invite-url\"");
    String zh = get("/h5/fission/activities/" + a.id() + "?lang=zh-CN&token=" + token);
    assertThat(zh).as(zh).contains("助力进度");
    String helperToken = sessions.issue(tenant.id(), "page-helper", null).token();
    String landing = get("/h5/fission/help?invite=" + fx.invite(task, a) + "&token=" + helperToken);
    assertThat(landing).contains("id=\"help\"").contains("data-msg-helper-not-new=");
    assertThat(get("/h5/fission/help?invite=forged.1.x&token=" + helperToken))
        .contains("This invite link is not valid");
    String other = sessions.issue(tenant.id(), "newcomer", null).token();
    assertThat(get("/h5/fission/activities/" + a.id() + "?token=" + other)).contains("id=\"start-task\"");
    clock.advance(Duration.ofDays(8));
    other = sessions.issue(tenant.id(), "newcomer", null).token();
    assertThat(get("/h5/fission/activities/" + a.id() + "?token=" + other)).contains("id=\"after-end\"")
        .contains("rewards are over");
  }

  private String get(String path) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
