package dev.flywheel.community.room;

import dev.flywheel.community.ChatMessage;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A chat message as a member sees it in the web room: no other member's customer id, only whether it is mine. */
final class RoomMessages {
  private RoomMessages() {}

  static Map<String, Object> json(ChatMessage m, String me) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", m.id());
    json.put("kind", m.kind().name().toLowerCase(Locale.ROOT));
    json.put("from", m.inbound() ? "member" : "community");
    json.put("mine", m.inbound() && me.equals(m.customerId()));
    json.put("sender_name", m.senderName());
    json.put("body", m.body());
    json.put("received_at", m.receivedAt().toString());
    return json;
  }
}
