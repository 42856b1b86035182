package dev.flywheel.fission;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells every node that a task's progress changed: {@code pg_notify} on channel
 * {@value #CHANNEL} inside the transaction that counted the help, so PostgreSQL delivers it to
 * every listening node when — and only if — that transaction commits. Payload
 * {@code tenant:task:helps:needed} (see {@link #parse}).
 */
@Component
public class ProgressSignal {
  public static final String CHANNEL = "fission_progress";
  private final JdbcClient jdbc;

  ProgressSignal(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void send(TaskProgress progress) {
    jdbc.sql("select pg_notify('" + CHANNEL + "', :payload)")
        .param("payload", progress.tenantId() + ":" + progress.taskId() + ":" + progress.helps() + ":"
            + progress.needed())
        .query(Object.class).single();
  }

  /** The progress a notification carries. */
  public static TaskProgress parse(String payload) {
    String[] p = payload.split(":");
    return new TaskProgress(Long.parseLong(p[0]), Long.parseLong(p[1]), Integer.parseInt(p[2]),
        Integer.parseInt(p[3]));
  }
}
