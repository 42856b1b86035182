package dev.flywheel.community.web;

import dev.flywheel.community.Community;
import dev.flywheel.community.CommunityChat;
import dev.flywheel.community.Inbound;
import dev.flywheel.platform.signing.Signatures;
import dev.flywheel.platform.web.Problem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/communities/{id}/messages}: a member's message from the group chat. No API
 * key: the chat adapter proves itself with the community's secret ({@link Signatures} over the raw
 * body and a timestamp within 5 minutes of now). Nothing is read from the body before the signature
 * holds. A replayed message (same {@code message_id}) answers the stored one and counts once.
 */
@RestController
class ChatWebhookController {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration TOLERANCE = Duration.ofMinutes(5);
  private final CommunityChat chat;
  private final dev.flywheel.community.store.CommunityStore store;
  private final Clock clock;

  ChatWebhookController(CommunityChat chat,
      dev.flywheel.community.store.CommunityStore store, Clock clock) {
    this.chat = chat;
    this.store = store;
    this.clock = clock;
  }

  @PostMapping("/api/v1/communities/{id}/messages")
  Map<String, Object> receive(@PathVariable long id,
      @RequestHeader(name = Signatures.TIMESTAMP, required = false) String timestamp,
      @RequestHeader(name = Signatures.SIGNATURE, required = false) String signature,
      @RequestBody(required = false) byte[] body) {
    if (timestamp == null || signature == null || body == null) {
      throw unauthorized("webhook-unsigned", "Sign webhooks with " + Signatures.TIMESTAMP + " and "
          + Signatures.SIGNATURE);
    }
    long ts = seconds(timestamp);
    if (Duration.between(Instant.ofEpochSecond(ts), clock.instant()).abs().compareTo(TOLERANCE) > 0) {
      throw unauthorized("webhook-expired", "The signed timestamp is too far from now");
    }
    // an unknown community answers like a bad signature: which ids exist is nobody's business
    Community community = store.anyTenant(id)
        .filter(c -> store.secret(id).map(s -> Signatures.verify(s, ts, body, signature)).orElse(false))
        .orElseThrow(() -> unauthorized("webhook-signature-invalid", "The signature does not match"));
    Inbound in = parse(body);
    return switch (chat.receive(community.tenantId(), id, in)) {
      case CommunityChat.Receipt.Accepted a -> Map.of("status", "accepted", "message",
          CommunityJson.message(a.message()));
      case CommunityChat.Receipt.Replayed r -> Map.of("status", "replayed", "message",
          CommunityJson.message(r.message()));
      case CommunityChat.Receipt.Refused r -> throw new Problem(
          "community-archived".equals(r.code()) ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_CONTENT,
          r.code(), r.message(), List.of());
    };
  }

  private static Inbound parse(byte[] body) {
    Map<?, ?> json;
    try {
      json = JSON.readValue(body, Map.class);
    } catch (RuntimeException e) {
      throw Problem.badRequest("malformed-webhook", "The webhook body is not a JSON object");
    }
    List<dev.flywheel.platform.web.FieldIssue> issues = new java.util.ArrayList<>();
    String messageId = CommunityJson.text(json.get("message_id"));
    String text = CommunityJson.text(json.get("body"));
    if (messageId == null || messageId.isBlank() || messageId.length() > 200) {
      issues.add(new dev.flywheel.platform.web.FieldIssue("message_id", "required", "the chat's id of the message"));
    }
    if (text == null || text.isBlank() || text.length() > 4000) {
      issues.add(new dev.flywheel.platform.web.FieldIssue("body", "required", "1 to 4000 characters"));
    }
    if (!issues.isEmpty()) {
      throw Problem.invalid("malformed-webhook", "The webhook has invalid fields", issues);
    }
    return new Inbound(messageId, CommunityJson.text(json.get("customer_id")),
        CommunityJson.text(json.get("sender_name")), text);
  }

  private static long seconds(String timestamp) {
    try {
      return Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      throw unauthorized("webhook-unsigned", Signatures.TIMESTAMP + " must be Unix seconds");
    }
  }

  private static Problem unauthorized(String code, String detail) {
    return new Problem(HttpStatus.UNAUTHORIZED, code, detail, List.of());
  }
}
