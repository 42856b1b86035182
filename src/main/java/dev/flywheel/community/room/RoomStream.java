package dev.flywheel.community.room;

import dev.flywheel.community.CommunityMessagePosted;
import dev.flywheel.community.store.MessageStore;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live web rooms over SSE: the members' open streams per community on this node, fed with each
 * message once its transaction committed ({@link CommunityMessagePosted}). With several nodes a
 * stream hears only its own node's messages; the page catches up with {@code after=<last id>}
 * whenever its stream (re)opens and falls back to polling when SSE is unavailable.
 */
@Component
class RoomStream {
  private static final long TIMEOUT_MS = 30 * 60 * 1000L;
  private final Map<Long, List<Viewer>> rooms = new ConcurrentHashMap<>();
  private final MessageStore messages;

  RoomStream(MessageStore messages) {
    this.messages = messages;
  }

  private record Viewer(SseEmitter emitter, String customerId) {}

  SseEmitter open(long communityId, String customerId) {
    SseEmitter emitter = new SseEmitter(TIMEOUT_MS);
    List<Viewer> viewers = rooms.computeIfAbsent(communityId, k -> new CopyOnWriteArrayList<>());
    Viewer viewer = new Viewer(emitter, customerId);
    viewers.add(viewer);
    Runnable remove = () -> viewers.remove(viewer);
    emitter.onCompletion(remove);
    emitter.onTimeout(remove);
    emitter.onError(e -> remove.run());
    try {
      emitter.send(SseEmitter.event().name("ready").data("{}"));
    } catch (IOException | IllegalStateException e) {
      emitter.completeWithError(e);
    }
    return emitter;
  }

  int viewers(long communityId) {
    return rooms.getOrDefault(communityId, List.of()).size();
  }

  @TransactionalEventListener(fallbackExecution = true)
  void posted(CommunityMessagePosted posted) {
    List<Viewer> viewers = rooms.getOrDefault(posted.communityId(), List.of());
    if (viewers.isEmpty()) {
      return;
    }
    messages.find(posted.messageId()).ifPresent(m -> {
      for (Viewer v : viewers) {
        try {
          v.emitter().send(SseEmitter.event().name("message").id(Long.toString(m.id()))
              .data(RoomMessages.json(m, v.customerId())));
        } catch (IOException | IllegalStateException e) {
          v.emitter().completeWithError(e);
        }
      }
    });
  }
}
