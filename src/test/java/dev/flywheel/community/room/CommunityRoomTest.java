package dev.flywheel.community.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.community.ChatKind;
import dev.flywheel.community.ChatMessage;
import dev.flywheel.community.Communities;
import dev.flywheel.community.Community;
import dev.flywheel.community.CommunityChat;
import dev.flywheel.community.CommunityDraft;
import dev.flywheel.community.CommunityMessageReceived;
import dev.flywheel.community.CommunityResult;
import dev.flywheel.community.Member;
import dev.flywheel.community.Post;
import dev.flywheel.community.PostKind;
import dev.flywheel.customer.Customers;
import dev.flywheel.platform.customersession.CustomerSessions;
import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import dev.flywheel.support.TestTenants.TestTenant;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

/** The web chat room: join by link with a customer session, read and write through the customer endpoints. */
@RunningFlywheel
class CommunityRoomTest {
  @Autowired TestTenants tenants;
  @Autowired Communities communities;
  @Autowired CommunityChat chat;
  @Autowired Customers customers;
  @Autowired CustomerSessions sessions;
  @Autowired MovableClock clock;
  @Autowired ConfigurableApplicationContext context;
  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private TestTenant tenant;
  private Community room;

  @BeforeEach
  void room() {
    tenant = tenants.create();
    customers.saveProfile(tenant.id(), "c-ann", Map.of("name", "Ann Lee"));
    customers.saveProfile(tenant.id(), "c-bo", Map.of("name", "Bo Wang"));
    customers.saveProfile(tenant.id(), "c-cy", Map.of("name", "Cy"));
    room = created(communities.create(tenant.id(), new CommunityDraft("Wealth club", "Weekly quiz", ChatKind.WEB_ROOM,
        null, List.of(tenant.user(Role.EMPLOYEE))), "test"));
  }

  private static Community created(CommunityResult result) {
    return ((CommunityResult.Done) result).community();
  }

  private String token(String customer) {
    return sessions.issue(tenant.id(), customer, Duration.ofMinutes(30)).token();
  }

  private HttpResponse<String> page(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private ApiClient as(String customer) {
    return new ApiClient(port, token(customer));
  }

  private String messages() {
    return "/api/v1/customer/communities/" + room.id() + "/messages";
  }

  @Test
  void theJoinLinkMakesTheCustomerAMemberAndOpensTheRoomInTheirLanguage() throws Exception {
    chat.post(tenant.id(), room.id(), new Post("Manager Li", "Welcome to the club", PostKind.SOP, null));
    HttpResponse<String> en = page("/h5/communities/join/" + room.joinCode() + "?lang=en&token=" + token("c-ann"));

    assertThat(en.statusCode()).isEqualTo(200);
    assertThat(en.body()).contains("Wealth club").contains("Welcome to the club").contains("kind-sop")
        .contains("width=device-width").contains("Write a message");
    assertThat(communities.members(tenant.id(), room.id())).extracting(Member::customerId, Member::displayName)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("c-ann", "A** L**"));

    HttpResponse<String> zh = page("/h5/communities/join/" + room.joinCode() + "?lang=zh-CN&token=" + token("c-ann"));
    assertThat(zh.statusCode()).isEqualTo(200);
    assertThat(zh.body()).contains("lang=\"zh-CN\"").contains("输入消息");
    assertThat(communities.members(tenant.id(), room.id())).as("opening the link again joins once").hasSize(1);
    assertThat(page("/h5/communities/" + room.id() + "?lang=en&token=" + token("c-ann")).statusCode()).isEqualTo(200);
  }

  @Test
  void anUnknownJoinCodeIsANotFoundPageAndAnExpiredSessionThePlatformsRefusal() throws Exception {
    HttpResponse<String> unknown = page("/h5/communities/join/nope?lang=en&token=" + token("c-ann"));
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("room-refused").contains("This community link is not valid");

    TestTenant other = tenants.create();
    customers.saveProfile(other.id(), "c-ann", Map.of("name", "Ann"));
    String foreign = sessions.issue(other.id(), "c-ann", Duration.ofMinutes(5)).token();
    assertThat(page("/h5/communities/join/" + room.joinCode() + "?lang=en&token=" + foreign).statusCode())
        .as("another tenant's customer").isEqualTo(404);
    assertThat(page("/h5/communities/join/" + room.joinCode() + "?lang=en&token=" + token("stranger")).statusCode())
        .as("not a customer of the tenant").isEqualTo(403);

    String shortLived = sessions.issue(tenant.id(), "c-bo", Duration.ofMinutes(1)).token();
    clock.advance(Duration.ofMinutes(2));
    HttpResponse<String> expired = page("/h5/communities/join/" + room.joinCode() + "?lang=en&token=" + shortLived);
    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat(expired.body()).contains("data-code=\"session-expired\"").contains("Please reopen this page");
    assertThat(communities.members(tenant.id(), room.id())).isEmpty();
  }

  @Test
  void membersSendAndReadMessagesAndEachIsPublishedOnceAsAReceivedMessage() {
    communities.join(tenant.id(), room.id(), "c-ann", "Ann");
    communities.join(tenant.id(), room.id(), "c-bo", "Bo");

    List<CommunityMessageReceived> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    ApplicationListener<ApplicationEvent> listener = e -> {
      if (e instanceof PayloadApplicationEvent<?> p && p.getPayload() instanceof CommunityMessageReceived r
          && r.communityId() == room.id()) {
        received.add(r);
      }
    };
    context.addApplicationListener(listener);
    ApiClient.Response sent;
    try {
      sent = as("c-ann").post(messages(), Map.of("body", "选A"));
      as("c-bo").post(messages(), Map.of("body", "B"));
    } finally {
      context.removeApplicationListener(listener);
    }
    assertThat(sent.status()).isEqualTo(201);
    assertThat(sent.body()).containsEntry("mine", true).containsEntry("sender_name", "Ann").containsEntry("body", "选A");
    long first = ((Number) sent.body().get("id")).longValue();

    ApiClient.Response read = as("c-bo").get(messages());
    List<Map<String, Object>> list = read.get("messages");
    assertThat(list).extracting(m -> m.get("body")).containsExactly("选A", "B");
    assertThat(list).extracting(m -> m.get("mine")).containsExactly(false, true);
    assertThat(list.get(0)).doesNotContainKey("customer_id");
    List<Map<String, Object>> after = as("c-ann").get(messages() + "?after=" + first).get("messages");
    assertThat(after).extracting(m -> m.get("body")).containsExactly("B");

    List<ChatMessage> stored = chat.after(tenant.id(), room.id(), 0, 10);
    assertThat(stored).allSatisfy(m -> {
      assertThat(m.inbound()).isTrue();
      assertThat(m.externalId()).startsWith(RoomController.ID_PREFIX);
    });
    assertThat(received)
        .extracting(CommunityMessageReceived::customerId, CommunityMessageReceived::body)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("c-ann", "选A"), org.assertj.core.groups.Tuple.tuple("c-bo", "B"));
  }

  @Test
  void aNonMemberAndAnotherTenantsCustomerAreRefusedClearly() {
    communities.join(tenant.id(), room.id(), "c-ann", "Ann");
    as("c-ann").post(messages(), Map.of("body", "hello"));

    ApiClient.Response read = as("c-cy").get(messages());
    assertThat(read.status()).isEqualTo(403);
    assertThat(read.code()).isEqualTo("not-a-member");
    ApiClient.Response write = as("c-cy").post(messages(), Map.of("body", "let me in"));
    assertThat(write.status()).isEqualTo(403);
    assertThat(write.code()).isEqualTo("not-a-member");
    assertThat(as("c-cy").get("/api/v1/customer/communities/" + room.id() + "/stream").status()).isEqualTo(403);

    TestTenant other = tenants.create();
    customers.saveProfile(other.id(), "c-ann", Map.of("name", "Ann"));
    ApiClient foreign = new ApiClient(port, sessions.issue(other.id(), "c-ann", Duration.ofMinutes(5)).token());
    assertThat(foreign.get(messages()).code()).isEqualTo("community-not-found");
    assertThat(foreign.post(messages(), Map.of("body", "x")).status()).isEqualTo(404);

    assertThat(as("c-ann").post(messages(), Map.of("body", " ")).status()).isEqualTo(400);
    assertThat(chat.after(tenant.id(), room.id(), 0, 10)).extracting(ChatMessage::body).containsExactly("hello");
  }

  @Test
  void theStreamDeliversCommittedMessagesToMembers() throws Exception {
    communities.join(tenant.id(), room.id(), "c-ann", "Ann");
    communities.join(tenant.id(), room.id(), "c-bo", "Bo");
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/customer/communities/"
        + room.id() + "/stream?token=" + token("c-bo"))).GET().build();
    HttpResponse<InputStream> stream = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.statusCode()).isEqualTo(200);
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
      assertThat(next(lines, "event:")).isEqualTo("event:ready");
      assertThat(next(lines, "data:")).isEqualTo("data:{}");
      as("c-ann").post(messages(), Map.of("body", "first to answer"));
      chat.post(tenant.id(), room.id(), new Post("Manager Li", "Round 1 closes in 3 minutes", PostKind.GAME, null));
      assertThat(next(lines, "data:")).contains("\"body\":\"first to answer\"").contains("\"mine\":false");
      assertThat(next(lines, "data:")).contains("Round 1 closes").contains("\"kind\":\"game\"")
          .contains("\"from\":\"community\"");
    }
  }

  private static String next(BufferedReader lines, String prefix) throws Exception {
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    throw new AssertionError("stream ended before " + prefix);
  }
}
