package dev.flywheel.community.chat;

import dev.flywheel.community.ChatKind;
import dev.flywheel.community.ChatMessage;
import dev.flywheel.community.Community;
import org.springframework.stereotype.Component;

/**
 * The built-in web chat room: the room page reads the community's messages from PostgreSQL, so a
 * stored post is already in the room and handing it over only marks it sent.
 */
@Component
class WebRoomAdapter implements ChatAdapter {

  @Override
  public ChatKind kind() {
    return ChatKind.WEB_ROOM;
  }

  @Override
  public Handover deliver(Community community, String secret, ChatMessage post) {
    return new Handover.Sent();
  }
}
