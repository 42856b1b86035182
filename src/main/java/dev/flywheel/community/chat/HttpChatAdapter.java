package dev.flywheel.community.chat;

import dev.flywheel.community.ChatKind;
import dev.flywheel.community.ChatMessage;
import dev.flywheel.community.Community;
import dev.flywheel.platform.signing.Signatures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * An external group chat behind a webhook-style HTTP endpoint: a JSON POST signed with the
 * community's secret ({@link Signatures}), {@value Signatures#IDEMPOTENCY_KEY} = post id. 2xx is
 * sent; 408, 425, 429, 5xx and network errors are an outage (retried); any other status refuses.
 */
@Component
class HttpChatAdapter implements ChatAdapter {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final Clock clock;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
      .followRedirects(HttpClient.Redirect.NEVER).build();

  HttpChatAdapter(Clock clock) {
    this.clock = clock;
  }

  @Override
  public ChatKind kind() {
    return ChatKind.HTTP;
  }

  @Override
  public Handover deliver(Community community, String secret, ChatMessage post) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("community_id", community.id());
    payload.put("post_id", post.id());
    payload.put("kind", post.kind().name().toLowerCase(java.util.Locale.ROOT));
    payload.put("sender_name", post.senderName());
    payload.put("body", post.body());
    byte[] body = JSON.writeValueAsBytes(payload);
    long timestamp = clock.instant().getEpochSecond();
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(community.chatUrl())).timeout(TIMEOUT)
          .POST(HttpRequest.BodyPublishers.ofByteArray(body))
          .header("Content-Type", "application/json")
          .header(Signatures.IDEMPOTENCY_KEY, "community-post-" + post.id())
          .header(Signatures.TIMESTAMP, Long.toString(timestamp))
          .header(Signatures.SIGNATURE, Signatures.sign(secret, timestamp, body)).build();
      int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status / 100 == 2) {
        return new Handover.Sent();
      }
      if (status == 408 || status == 425 || status == 429 || status >= 500) {
        return new Handover.Unavailable("http-" + status);
      }
      return new Handover.Refused("rejected-by-chat-" + status);
    } catch (IOException e) {
      return new Handover.Unavailable(e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Handover.Unavailable("interrupted");
    } catch (IllegalArgumentException e) {
      return new Handover.Refused("invalid-chat-url");
    }
  }
}
