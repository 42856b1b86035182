package dev.flywheel.community.room;

import dev.flywheel.community.CommunityChat;
import dev.flywheel.community.Inbound;
import dev.flywheel.community.Member;
import dev.flywheel.platform.customersession.CustomerPrincipal;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The web room for its members (customer session, rate limited by the customer chain): read the
 * chat, write in it (through {@link CommunityChat#receive} with a server-made message id, exactly
 * as a webhook's message, so games and the calendar see it the same way), and a live stream.
 */
@RestController
class RoomController {
  static final String ID_PREFIX = "web-room:";
  private final RoomAccess access;
  private final CommunityChat chat;
  private final RoomStream stream;

  RoomController(RoomAccess access, CommunityChat chat, RoomStream stream) {
    this.access = access;
    this.chat = chat;
    this.stream = stream;
  }

  @GetMapping("/api/v1/customer/communities/{id}/messages")
  Map<String, Object> messages(@AuthenticationPrincipal CustomerPrincipal me, @PathVariable long id,
      @RequestParam(required = false) Long after, @RequestParam(defaultValue = "100") int limit) {
    access.member(me, id);
    var list = after == null ? chat.latest(me.tenantId(), id, limit) : chat.after(me.tenantId(), id, after, limit);
    return Map.of("messages", list.stream().map(m -> RoomMessages.json(m, me.customerId())).toList());
  }

  @PostMapping("/api/v1/customer/communities/{id}/messages")
  ResponseEntity<Map<String, Object>> send(@AuthenticationPrincipal CustomerPrincipal me, @PathVariable long id,
      @RequestBody(required = false) Map<String, Object> body) {
    Member member = access.member(me, id);
    Object text = body == null ? null : body.get("body");
    if (!(text instanceof String s) || s.isBlank() || s.length() > 4000) {
      throw Problem.badRequest("validation-failed", "A message needs a body",
          new FieldIssue("body", "required", "1 to 4000 characters"));
    }
    Inbound in = new Inbound(ID_PREFIX + UUID.randomUUID(), me.customerId(), member.displayName(), s.strip());
    return switch (chat.receive(me.tenantId(), id, in)) {
      case CommunityChat.Receipt.Accepted a -> ResponseEntity.status(HttpStatus.CREATED)
          .body(RoomMessages.json(a.message(), me.customerId()));
      case CommunityChat.Receipt.Replayed r -> ResponseEntity.ok(RoomMessages.json(r.message(), me.customerId()));
      case CommunityChat.Receipt.Refused r -> throw new Problem(
          "community-archived".equals(r.code()) ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_CONTENT,
          r.code(), r.message(), List.of());
    };
  }

  /** New messages as they commit: SSE events {@code ready} once, then {@code message} (the JSON above). */
  @GetMapping(value = "/api/v1/customer/communities/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter live(@AuthenticationPrincipal CustomerPrincipal me, @PathVariable long id) {
    access.member(me, id);
    return stream.open(id, me.customerId());
  }
}
