package dev.flywheel.community;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.community.chat.PostDelivery;
import dev.flywheel.customer.Customers;
import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.signing.Signatures;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.reach.delivery.ProviderServer;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import dev.flywheel.support.TestTenants.TestTenant;
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
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.json.JsonMapper;

/** A community's chat both ways (the external chat is a real local HTTP server): signed webhooks in (replays counted once), posts out through the adapter. */
@RunningFlywheel
@RecordApplicationEvents
class CommunityChatTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  @Autowired TestTenants tenants;
  @Autowired Communities communities;
  @Autowired CommunityChat chat;
  @Autowired PostDelivery delivery;
  @Autowired Customers customers;
  @Autowired MovableClock clock;
  @Autowired ApplicationEvents events;
  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private TestTenant tenant;
  private ApiClient api;

  @BeforeEach
  void tenant() {
    tenant = tenants.create();
    api = new ApiClient(port, tenant.apiKey());
    customers.saveProfile(tenant.id(), "c-ann", Map.of("name", "Ann"));
    customers.saveProfile(tenant.id(), "c-bo", Map.of("name", "Bo"));
  }

  private Map<String, Object> create(String kind, String url) {
    ApiClient.Response created = api.post("/api/v1/communities", Map.of("name", "Wealth club", "chat_kind", kind,
        "chat_url", url, "managers", List.of(tenant.user(Role.EMPLOYEE))));
    assertThat(created.status()).isEqualTo(201);
    return created.body();
  }

  private HttpResponse<String> webhook(long id, String secret, Map<String, Object> message, long timestamp)
      throws Exception {
    byte[] body = JSON.writeValueAsBytes(message);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
            + "/api/v1/communities/" + id + "/messages"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (secret != null) {
      request.header(Signatures.TIMESTAMP, Long.toString(timestamp))
          .header(Signatures.SIGNATURE, Signatures.sign(secret, timestamp, body));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Test
  void aSignedMessageIsStoredOnceAndPublishedOnceEvenWhenReplayed() throws Exception {
    Map<String, Object> community = create("WEB_ROOM", "");
    long id = ((Number) community.get("id")).longValue();
    String secret = (String) community.get("chat_secret");
    long now = clock.instant().getEpochSecond();
    Map<String, Object> message = Map.of("message_id", "wx-1", "customer_id", "c-ann", "sender_name", "Ann",
        "body", "选A");

    HttpResponse<String> first = webhook(id, secret, message, now);
    HttpResponse<String> replay = webhook(id, secret, message, now);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).contains("\"status\":\"accepted\"");
    assertThat(replay.statusCode()).isEqualTo(200);
    assertThat(replay.body()).contains("\"status\":\"replayed\"");
    List<ChatMessage> stored = chat.after(tenant.id(), id, 0, 100);
    assertThat(stored).singleElement().satisfies(m -> {
      assertThat(m.inbound()).isTrue();
      assertThat(m.customerId()).isEqualTo("c-ann");
      assertThat(m.receivedAt()).isEqualTo(clock.instant());
    });
    assertThat(communities.members(tenant.id(), id)).extracting(Member::customerId).containsExactly("c-ann");
  }

  @Test
  void onlyTheFirstArrivalOfAMessageIsPublished() {
    long id = ((Number) create("WEB_ROOM", "").get("id")).longValue();
    Inbound answer = new Inbound("wx-9", "c-bo", "Bo", "B");
    assertThat(chat.receive(tenant.id(), id, answer)).isInstanceOf(CommunityChat.Receipt.Accepted.class);
    assertThat(chat.receive(tenant.id(), id, answer)).isInstanceOf(CommunityChat.Receipt.Replayed.class);
    assertThat(events.stream(CommunityMessageReceived.class).filter(e -> e.communityId() == id))
        .singleElement().satisfies(e -> {
          assertThat(e.customerId()).isEqualTo("c-bo");
          assertThat(e.body()).isEqualTo("B");
        });
  }

  @Test
  void unsignedForgedExpiredAndMalformedWebhooksAreRefusedAndWriteNothing() throws Exception {
    long id = ((Number) create("WEB_ROOM", "").get("id")).longValue();
    String secret = chatSecret(id);
    long now = clock.instant().getEpochSecond();
    Map<String, Object> message = Map.of("message_id", "wx-2", "body", "B");

    assertThat(webhook(id, null, message, now).body()).contains("webhook-unsigned");
    assertThat(webhook(id, "not-the-secret", message, now).body()).contains("webhook-signature-invalid");
    assertThat(webhook(id, secret, message, now - Duration.ofMinutes(6).toSeconds()).body())
        .contains("webhook-expired");
    assertThat(webhook(id + 1_000_000, secret, message, now).statusCode()).isEqualTo(401);
    HttpResponse<String> malformed = webhook(id, secret, Map.of("body", ""), now);
    assertThat(malformed.statusCode()).isEqualTo(422);
    assertThat(malformed.body()).contains("\"field\":\"message_id\"").contains("\"field\":\"body\"");

    assertThat(chat.after(tenant.id(), id, 0, 100)).isEmpty();
  }

  @Test
  void anUnknownCustomerIsKeptOnlyAsTheSendersName() {
    long id = ((Number) create("WEB_ROOM", "").get("id")).longValue();
    CommunityChat.Receipt receipt = chat.receive(tenant.id(), id, new Inbound("m-1", "nobody", "Guest", "hello"));
    assertThat(receipt).isInstanceOfSatisfying(CommunityChat.Receipt.Accepted.class, a -> {
      assertThat(a.message().customerId()).isNull();
      assertThat(a.message().senderName()).isEqualTo("Guest");
    });
    assertThat(communities.members(tenant.id(), id)).isEmpty();
  }

  @Test
  void postsReachTheExternalChatSignedAndRetryAfterAnOutageWithoutDuplicates() throws Exception {
    try (ProviderServer server = new ProviderServer(null)) {
      long id = ((Number) create("HTTP", server.url()).get("id")).longValue();
      server.secret(chatSecret(id)).answering(503, 500);

      ChatMessage post = chat.post(tenant.id(), id, new Post("Manager Li", "Today's quiz starts at 8 pm",
          PostKind.SOP, "sop-slot:1")).orElseThrow();
      assertThat(delivery.attempt(post.id())).isPresent();
      assertThat(stored(id, post.id()).delivery()).isEqualTo("PENDING");
      clock.advance(PostDelivery.backoffAfter(1));
      assertThat(delivery.attempt(post.id())).isPresent();
      clock.advance(PostDelivery.backoffAfter(2));
      assertThat(delivery.attempt(post.id())).isEmpty();
      assertThat(delivery.attempt(post.id())).isEmpty();

      assertThat(stored(id, post.id()).delivery()).isEqualTo("SENT");
      assertThat(server.requests()).extracting(ProviderServer.Request::answered).containsExactly(503, 500, 200);
      assertThat(server.requests()).allSatisfy(r -> {
        assertThat(r.signatureValid()).isTrue();
        assertThat(r.idempotencyKey()).isEqualTo("community-post-" + post.id());
        assertThat(r.body()).contains("Today's quiz starts at 8 pm");
      });
    }
  }

  @Test
  void aChatThatRefusesAPostFailsItWithTheReason() throws Exception {
    try (ProviderServer server = new ProviderServer(null)) {
      long id = ((Number) create("HTTP", server.url()).get("id")).longValue();
      server.secret(chatSecret(id)).answering(400);
      ChatMessage post = chat.post(tenant.id(), id, new Post("Li", "hello", PostKind.CHAT, null)).orElseThrow();
      assertThat(delivery.attempt(post.id())).isEmpty();
      ChatMessage settled = stored(id, post.id());
      assertThat(settled.delivery()).isEqualTo("FAILED");
      assertThat(settled.failure()).isEqualTo("rejected-by-chat-400");
    }
  }

  @Test
  void aWebRoomPostIsInTheRoomAtOnce() {
    long id = ((Number) create("WEB_ROOM", "").get("id")).longValue();
    ChatMessage post = chat.post(tenant.id(), id, new Post("Li", "Welcome!", PostKind.CHAT, null)).orElseThrow();
    assertThat(delivery.attempt(post.id())).isEmpty();
    assertThat(stored(id, post.id()).delivery()).isEqualTo("SENT");
  }

  @Test
  void badCommunitiesAreRefusedWithTheFieldAtFault() {
    ApiClient.Response noManager = api.post("/api/v1/communities", Map.of("name", "x", "chat_kind", "HTTP",
        "managers", List.of(tenant.user(Role.OPERATOR))));
    assertThat(noManager.status()).isEqualTo(422);
    assertThat(noManager.raw()).contains("\"field\":\"chat_url\"").contains("\"field\":\"managers[0]\"");
    create("WEB_ROOM", "");
    ApiClient.Response twice = api.post("/api/v1/communities", Map.of("name", "Wealth club",
        "managers", List.of(tenant.user(Role.EMPLOYEE))));
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.code()).isEqualTo("community-name-taken");
    assertThat(communities.list(tenant.id())).hasSize(1);
  }

  private String chatSecret(long id) {
    return communities.chatSecret(tenant.id(), id).orElseThrow();
  }

  private ChatMessage stored(long communityId, long postId) {
    return chat.after(tenant.id(), communityId, postId - 1, 1).getFirst();
  }
}
