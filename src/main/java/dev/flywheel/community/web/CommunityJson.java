package dev.flywheel.community.web;

import dev.flywheel.community.ChatKind;
import dev.flywheel.community.ChatMessage;
import dev.flywheel.community.Community;
import dev.flywheel.community.CommunityDraft;
import dev.flywheel.community.CommunityResult;
import dev.flywheel.community.Member;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** JSON shapes of the community API (snake_case), and its answers as problem details. */
final class CommunityJson {
  private CommunityJson() {}

  static CommunityDraft draft(Map<String, Object> body) {
    if (body == null) {
      throw Problem.badRequest("malformed-body", "Send a JSON object");
    }
    ChatKind kind = null;
    Object rawKind = body.getOrDefault("chat_kind", "WEB_ROOM");
    if (rawKind instanceof String s) {
      try {
        kind = ChatKind.valueOf(s.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw Problem.invalid("validation-failed", "The community has invalid fields",
            List.of(new FieldIssue("chat_kind", "invalid", "WEB_ROOM or HTTP")));
      }
    }
    List<String> managers = new ArrayList<>();
    if (body.get("managers") instanceof List<?> list) {
      list.forEach(m -> managers.add(m == null ? null : m.toString()));
    }
    return new CommunityDraft(text(body.get("name")), text(body.get("description")), kind,
        text(body.get("chat_url")), managers);
  }

  static Community done(CommunityResult result) {
    return switch (result) {
      case CommunityResult.Done d -> d.community();
      case CommunityResult.Refused r -> throw new Problem(status(r.code()), r.code(), r.message(), r.issues());
    };
  }

  private static HttpStatus status(String code) {
    return switch (code) {
      case "community-not-found" -> HttpStatus.NOT_FOUND;
      case "community-name-taken", "community-archived" -> HttpStatus.CONFLICT;
      default -> HttpStatus.UNPROCESSABLE_CONTENT;
    };
  }

  static Map<String, Object> community(Community c) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", c.id());
    json.put("name", c.name());
    json.put("description", c.description());
    json.put("chat_kind", c.chatKind().name());
    json.put("chat_url", c.chatUrl());
    json.put("join_path", "/h5/communities/join/" + c.joinCode());
    json.put("archived", c.archived());
    json.put("managers", c.managers());
    json.put("created_by", c.createdBy());
    json.put("created_at", c.createdAt().toString());
    return json;
  }

  static Map<String, Object> member(Member m) {
    return Map.of("customer_id", m.customerId(), "display_name", m.displayName(),
        "joined_at", m.joinedAt().toString());
  }

  static Map<String, Object> message(ChatMessage m) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", m.id());
    json.put("direction", m.inbound() ? "in" : "out");
    json.put("external_id", m.externalId());
    json.put("customer_id", m.customerId());
    json.put("sender_name", m.senderName());
    json.put("body", m.body());
    json.put("kind", m.kind().name().toLowerCase(Locale.ROOT));
    json.put("reference", m.reference());
    json.put("received_at", m.receivedAt().toString());
    json.put("delivery", m.delivery() == null ? null : m.delivery().toLowerCase(Locale.ROOT));
    json.put("failure", m.failure());
    return json;
  }

  static String text(Object value) {
    return value instanceof String s ? s : value == null ? null : value.toString();
  }
}
