package dev.flywheel.community;

import com.sun.net.httpserver.HttpServer;
import dev.flywheel.platform.signing.Signatures;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real local HTTP server playing an external group chat: checks signatures, answers scripted statuses. */
final class ChatServer implements AutoCloseable {
  record Received(String idempotencyKey, String body, boolean signatureValid, int answered) {}

  private final HttpServer server;
  private volatile String secret;
  private final Deque<Integer> script = new ArrayDeque<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();

  ChatServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/chat", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String ts = exchange.getRequestHeaders().getFirst(Signatures.TIMESTAMP);
      String sig = exchange.getRequestHeaders().getFirst(Signatures.SIGNATURE);
      boolean valid = ts != null && secret != null && Signatures.verify(secret, Long.parseLong(ts), body, sig);
      int status;
      synchronized (script) {
        status = !valid ? 401 : script.isEmpty() ? 200 : script.poll();
      }
      received.add(new Received(exchange.getRequestHeaders().getFirst(Signatures.IDEMPOTENCY_KEY),
          new String(body, StandardCharsets.UTF_8), valid, status));
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
  }

  ChatServer secret(String secret) {
    this.secret = secret;
    return this;
  }

  ChatServer answering(Integer... statuses) {
    synchronized (script) {
      script.clear();
      script.addAll(List.of(statuses));
    }
    return this;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/chat";
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
