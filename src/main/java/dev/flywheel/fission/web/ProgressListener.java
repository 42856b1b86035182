package dev.flywheel.fission.web;

import dev.flywheel.fission.ProgressSignal;
import dev.flywheel.fission.TaskProgress;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * This node's ear for {@link ProgressSignal}: one connection per node that {@code LISTEN}s on
 * {@value ProgressSignal#CHANNEL} and hands each committed progress to the node's open SSE
 * streams — so a customer whose stream is on another node than the help sees it too. The
 * connection is taken from the pool and kept; when it breaks, the listener reconnects after a
 * second (progress counted meanwhile is not pushed: the page re-reads it when its stream reconnects).
 */
class ProgressListener implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(ProgressListener.class);
  private final DataSource dataSource;
  private final Consumer<TaskProgress> sink;
  private final String name;
  private volatile boolean running;
  private volatile CountDownLatch listening = new CountDownLatch(1);
  private Thread thread;

  ProgressListener(DataSource dataSource, Consumer<TaskProgress> sink, String name) {
    this.dataSource = dataSource;
    this.sink = sink;
    this.name = name;
  }

  @Override
  public synchronized void start() {
    running = true;
    thread = Thread.ofPlatform().daemon().name(name).start(this::listen);
  }

  @Override
  public synchronized void stop() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Whether {@code LISTEN} is in effect within {@code wait} (what was notified before it is not heard). */
  boolean awaitListening(Duration wait) throws InterruptedException {
    return listening.await(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void listen() {
    while (running) {
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(true);
        try (Statement listen = connection.createStatement()) {
          listen.execute("listen " + ProgressSignal.CHANNEL);
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        listening.countDown();
        while (running) {
          PGNotification[] notifications = pg.getNotifications(500);
          for (PGNotification n : notifications == null ? new PGNotification[0] : notifications) {
            deliver(n.getParameter());
          }
        }
        try (Statement unlisten = connection.createStatement()) { // the pooled connection goes back clean
          unlisten.execute("unlisten *");
        }
      } catch (SQLException e) {
        if (!running) {
          return;
        }
        listening = new CountDownLatch(1);
        log.warn("{}: progress listener connection failed, reconnecting in 1 s", name, e);
        pause();
      }
    }
  }

  private void deliver(String payload) {
    try {
      sink.accept(ProgressSignal.parse(payload));
    } catch (RuntimeException e) {
      log.warn("{}: progress notification {} not delivered", name, payload, e);
    }
  }

  private void pause() {
    try {
      Thread.sleep(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
