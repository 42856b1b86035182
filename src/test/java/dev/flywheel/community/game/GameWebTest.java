package dev.flywheel.community.game;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.community.Communities;
import dev.flywheel.community.CommunityChat;
import dev.flywheel.community.GameState;
import dev.flywheel.community.Games;
import dev.flywheel.community.Inbound;
import dev.flywheel.community.PostKind;
import dev.flywheel.customer.Customers;
import dev.flywheel.platform.security.ConsoleUsers;
import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.signing.Signatures;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.ConsoleSession;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import dev.flywheel.support.TestTenants.TestTenant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Games over HTTP: the API, signed chat webhooks as answers, the product post's tracked link, the control panel. */
@RunningFlywheel
class GameWebTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern TRACKED = Pattern.compile("https?://[^/\\s]+/c/([A-Za-z0-9_-]+)");
  @Autowired TestTenants tenants;
  @Autowired Communities communities;
  @Autowired CommunityChat chat;
  @Autowired Games games;
  @Autowired Customers customers;
  @Autowired ConsoleUsers users;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private TestTenant tenant;
  private ApiClient api;
  private long community;
  private String secret;

  @BeforeEach
  void community() {
    tenant = tenants.create();
    api = new ApiClient(port, tenant.apiKey());
    for (String c : List.of("ann", "bo", "cy")) {
      customers.saveProfile(tenant.id(), "c-" + c, Map.of("name", c));
    }
    ApiClient.Response created = api.post("/api/v1/communities", Map.of("name", "Wealth club",
        "managers", List.of(tenant.user(Role.EMPLOYEE))));
    community = ((Number) created.body().get("id")).longValue();
    secret = (String) created.body().get("chat_secret");
  }

  private Map<String, Object> quiz(int delaySeconds, String productPost) {
    return Map.of("form", "quiz", "title", "Friday quiz", "reveal_delay_seconds", delaySeconds,
        "prize", Map.of("asset", "POINTS", "amount", 88), "product_post", productPost,
        "questions", List.of(Map.of("prompt", "Which is safest?", "options", List.of("Stocks", "Money market"),
            "correct", "B")));
  }

  private HttpResponse<String> webhook(String messageId, String customer, String body) throws Exception {
    byte[] raw = JSON.writeValueAsBytes(Map.of("message_id", messageId, "customer_id", customer,
        "sender_name", customer, "body", body));
    long ts = clock.instant().getEpochSecond();
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/communities/"
            + community + "/messages")).header("Content-Type", "application/json")
        .header(Signatures.TIMESTAMP, Long.toString(ts)).header(Signatures.SIGNATURE, Signatures.sign(secret, ts, raw))
        .POST(HttpRequest.BodyPublishers.ofByteArray(raw)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theApiRefusesABadSpecWithFieldPaths() {
    ApiClient.Response refused = api.post("/api/v1/communities/" + community + "/games", Map.of("title", "Bad",
        "reveal_delay_seconds", 60, "questions", List.of(Map.of("prompt", "p", "options", List.of("a", "b"),
            "correct", 0), Map.of("prompt", "p", "options", List.of("a", "b"), "correct", 1),
            Map.of("prompt", "p", "options", List.of("a", "b", "c"), "correct", "D"))));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.code()).isEqualTo("invalid-game");
    assertThat(refused.raw()).contains("\"field\":\"questions[2].correct\"");
    assertThat(api.post("/api/v1/communities/999999999/games", quiz(60, "x")).status()).isEqualTo(404);
  }

  @Test
  void webhookAnswersARevealAtTheCloseAndTheProductPostsTrackedLinkCountsClicks() throws Exception {
    ApiClient.Response created = api.post("/api/v1/communities/" + community + "/games",
        quiz(60, "Our money market fund: https://bank.example/fund/mm?from=quiz — ask me!"));
    assertThat(created.status()).isEqualTo(201);
    long game = ((Number) created.body().get("id")).longValue();
    ApiClient.Response opened = api.post("/api/v1/communities/" + community + "/games/" + game + "/rounds/next",
        Map.of());
    assertThat(opened.status()).isEqualTo(200);
    long round = games.find(tenant.id(), game).orElseThrow().openRound().orElseThrow().id();

    clock.advance(Duration.ofSeconds(10));
    assertThat(webhook("w-1", "c-bo", "答案是B").body()).contains("accepted");
    assertThat(webhook("w-1", "c-bo", "答案是B").body()).contains("replayed");
    clock.advance(Duration.ofSeconds(1));
    webhook("w-2", "c-ann", "ｂ");
    Map<String, Object> live = api.get("/api/v1/communities/" + community + "/games/" + game).body();
    assertThat(live.toString()).doesNotContain("winner_customer_id=c-");
    assertThat(((List<?>) live.get("rounds")).getFirst().toString()).contains("correct=null");

    ApiClient.Response closed = api.post("/api/v1/communities/" + community + "/games/" + game + "/rounds/" + round
        + "/close", Map.of());
    assertThat(closed.status()).isEqualTo(200);
    assertThat(api.post("/api/v1/communities/" + community + "/games/" + game + "/rounds/" + round + "/close",
        Map.of()).code()).isEqualTo("round-not-open");
    GameState state = games.state(tenant.id(), game).orElseThrow();
    assertThat(state.rounds().getFirst().round().winnerCustomerId()).isEqualTo("c-bo");
    assertThat(state.game().status()).isEqualTo("ENDED");

    var product = chat.after(tenant.id(), community, 0, 100).stream().filter(m -> m.kind() == PostKind.PRODUCT)
        .toList();
    assertThat(product).singleElement().satisfies(p -> assertThat(p.id()).isEqualTo(state.game().productMessageId()));
    Matcher link = TRACKED.matcher(product.getFirst().body());
    assertThat(link.find()).isTrue();
    assertThat(product.getFirst().body()).doesNotContain("bank.example").endsWith("— ask me!");
    String token = link.group(1);

    HttpResponse<String> click = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/c/"
        + token)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(click.statusCode()).isEqualTo(302);
    assertThat(click.headers().firstValue("Location")).hasValue("https://bank.example/fund/mm?from=quiz");
    http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/c/" + token)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    String forged = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
    assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/c/" + forged)).GET().build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    assertThat(games.state(tenant.id(), game).orElseThrow().productClicks()).isEqualTo(2);
  }

  @Test
  void participationMatchesANaiveCountOverTheSeedsCommunitySize() {
    for (int i = 0; i < 200; i++) {
      customers.saveProfile(tenant.id(), "m-" + i, Map.of());
      communities.join(tenant.id(), community, "m-" + i, "Member " + i);
    }
    long game = ((Number) api.post("/api/v1/communities/" + community + "/games", Map.of("title", "Riddles",
        "form", "riddle", "reveal_delay_seconds", 30, "questions", List.of(
            Map.of("prompt", "r1", "options", List.of("x", "y", "z"), "correct", 2),
            Map.of("prompt", "r2", "options", List.of("x", "y"), "correct", 0)))).body().get("id")).longValue();
    for (int r = 0; r < 2; r++) {
      long round = ((dev.flywheel.community.GameResult.Done) games.openNextRound(tenant.id(), game, "li"))
          .game().openRound().orElseThrow().id();
      for (int i = r * 35; i < r * 35 + 75; i++) {
        chat.receive(tenant.id(), community, new Inbound("p-" + r + "-" + i, "m-" + i, "Member " + i,
            i % 5 == 0 ? "chat only" : i % 2 == 0 ? "A" : "选b"));
      }
      games.closeRound(tenant.id(), round, "li");
    }
    GameState state = games.state(tenant.id(), game).orElseThrow();
    int naiveParticipants = jdbc.sql("""
            select count(distinct customer_id) from community_game_answers a join community_game_rounds r
            on r.id = a.round_id where r.game_id = :g and not a.late""").param("g", game).query(Integer.class).single();
    int naiveMembers = jdbc.sql("select count(*) from community_members where community_id = :c and left_at is null")
        .param("c", community).query(Integer.class).single();
    assertThat(state.participants()).isEqualTo(naiveParticipants).isEqualTo(88);
    assertThat(state.members()).isEqualTo(naiveMembers).isEqualTo(200);
    for (GameState.RoundFigures f : state.rounds()) {
      int answers = jdbc.sql("select count(*) from community_game_answers where round_id = :r and not late")
          .param("r", f.round().id()).query(Integer.class).single();
      assertThat(f.answers()).isEqualTo(answers).isEqualTo(60);
    }
  }

  @Test
  void theControlPanelIsForTheCommunitysManagersAndAdmins() {
    users.create(tenant.id(), "other@" + tenant.tenant().slug(), "Other", TestTenants.PASSWORD,
        EnumSet.of(Role.EMPLOYEE));
    ConsoleSession manager = new ConsoleSession(port).login(tenant.user(Role.EMPLOYEE), TestTenants.PASSWORD);
    String list = "/console/communities/" + community + "/games";
    HttpResponse<String> created = manager.post(list, list, Map.of("title", "Dice night", "form", "DICE",
        "questions", "Big or small? | Big | Small | A\nA pair? | Yes | No | B", "revealDelaySeconds", "30",
        "prizeAsset", "POINTS", "prizeAmount", "5", "productPost", ""));
    assertThat(created.statusCode()).isEqualTo(302);
    String panel = created.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
    long game = Long.parseLong(panel.substring(panel.lastIndexOf('/') + 1));
    assertThat(games.find(tenant.id(), game).orElseThrow().rounds()).hasSize(2);

    HttpResponse<String> open = manager.post(panel + "/open", panel, Map.of());
    assertThat(open.statusCode()).isEqualTo(302);
    chat.receive(tenant.id(), community, new Inbound("x-1", "c-ann", "Ann", "a"));
    HttpResponse<String> live = manager.get(panel + "/live");
    assertThat(live.body()).contains("data-customer=\"c-ann\"").contains("data-answers=\"1\"")
        .doesNotContain("data-winner");

    HttpResponse<String> bad = manager.post(list, list, Map.of("title", "", "questions", "Only one | x | A",
        "revealDelaySeconds", "5"));
    assertThat(bad.statusCode()).isEqualTo(422);
    assertThat(bad.body()).contains("data-field=\"questions[0].options\"").contains("data-field=\"reveal_delay\"");

    ConsoleSession admin = new ConsoleSession(port).login(tenant.user(Role.ADMIN), TestTenants.PASSWORD);
    assertThat(admin.get(panel).statusCode()).isEqualTo(200);
    ConsoleSession other = new ConsoleSession(port).login("other@" + tenant.tenant().slug(), TestTenants.PASSWORD);
    assertThat(other.get(panel).statusCode()).isEqualTo(403);
    assertThat(other.get(list).statusCode()).isEqualTo(403);
    ConsoleSession operator = new ConsoleSession(port).login(tenant.user(Role.OPERATOR), TestTenants.PASSWORD);
    assertThat(operator.get(panel + "/live").statusCode()).isEqualTo(403);
  }
}
