package dev.flywheel.community.chat;

import dev.flywheel.community.ChatKind;
import dev.flywheel.community.ChatMessage;
import dev.flywheel.community.Community;

/**
 * The SPI between a community and its group chat: hands one outbound post over. Called outside
 * any transaction, at least once per post (the post's id is the idempotency key the chat can use).
 */
public interface ChatAdapter {

  ChatKind kind();

  Handover deliver(Community community, String secret, ChatMessage post);

  /** What the chat said. A refusal is a value. */
  sealed interface Handover {
    record Sent() implements Handover {}

    /** The chat could not be reached or asked to come back later: retry with backoff. */
    record Unavailable(String error) implements Handover {}

    /** Will never work for this post. */
    record Refused(String reason) implements Handover {}
  }
}
