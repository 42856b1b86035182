package dev.flywheel.fission.web;

import dev.flywheel.fission.TaskProgress;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live help progress over SSE: open streams per task on this node, fed by this node's
 * {@link ProgressListener} with every progress any node committed (PostgreSQL LISTEN/NOTIFY); the
 * page also re-reads the progress when the stream reconnects.
 */
@Component
class ProgressStream {
  private static final long TIMEOUT_MS = 30 * 60 * 1000L;
  private final Map<Long, List<SseEmitter>> streams = new ConcurrentHashMap<>();

  SseEmitter open(long taskId, int helps, int needed) {
    SseEmitter emitter = new SseEmitter(TIMEOUT_MS);
    List<SseEmitter> list = streams.computeIfAbsent(taskId, k -> new CopyOnWriteArrayList<>());
    list.add(emitter);
    Runnable remove = () -> list.remove(emitter);
    emitter.onCompletion(remove);
    emitter.onTimeout(remove);
    emitter.onError(e -> remove.run());
    send(emitter, helps, needed);
    return emitter;
  }

  /** This node's progress listener, feeding {@link #progressed}. */
  @Bean
  static ProgressListener progressListener(DataSource dataSource, ProgressStream stream) {
    return new ProgressListener(dataSource, stream::progressed, "fission-progress-listener");
  }

  void progressed(TaskProgress progress) {
    for (SseEmitter emitter : streams.getOrDefault(progress.taskId(), List.of())) {
      send(emitter, progress.helps(), progress.needed());
    }
  }

  private static void send(SseEmitter emitter, int helps, int needed) {
    try {
      emitter.send(SseEmitter.event().name("progress")
          .data("{\"helps\":" + helps + ",\"helpers_needed\":" + needed + ",\"complete\":" + (helps >= needed) + "}"));
    } catch (IOException | IllegalStateException e) {
      emitter.completeWithError(e);
    }
  }
}
