package dev.flywheel.reach.delivery;

import com.sun.net.httpserver.HttpServer;
import dev.flywheel.platform.signing.Signatures;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on a free local port playing an SMS/push provider: it checks each request's
 * HMAC signature with the shared secret (a request with a bad one gets 401) and answers with the
 * next scripted status (200 once the script is used up). Also plays an external group chat for
 * the community tests, whose secret is known only after the community exists ({@link #secret(String)}).
 */
public final class ProviderServer implements AutoCloseable {
  public record Request(String idempotencyKey, String timestamp, String signature, String body, boolean signatureValid,
      String customHeader, int answered) {}

  private final HttpServer server;
  private volatile String secret;
  private final Deque<Integer> script = new ArrayDeque<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  public ProviderServer(String secret) throws IOException {
    this.secret = secret;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/send", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String ts = exchange.getRequestHeaders().getFirst(Signatures.TIMESTAMP);
      String sig = exchange.getRequestHeaders().getFirst(Signatures.SIGNATURE);
      String key = this.secret;
      boolean valid = ts != null && key != null && Signatures.verify(key, Long.parseLong(ts), body, sig);
      int status;
      synchronized (script) {
        status = !valid ? 401 : script.isEmpty() ? 200 : script.poll();
      }
      requests.add(new Request(exchange.getRequestHeaders().getFirst(Signatures.IDEMPOTENCY_KEY), ts, sig,
          new String(body, StandardCharsets.UTF_8), valid, exchange.getRequestHeaders().getFirst("X-Account"),
          status));
      byte[] answer = status == 200 ? ("{\"id\":\"prov-" + requests.size() + "\"}").getBytes() : "busy".getBytes();
      exchange.sendResponseHeaders(status, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.start();
  }

  /** The statuses to answer with, in order, before falling back to 200. */
  public ProviderServer answering(Integer... statuses) {
    synchronized (script) {
      script.clear();
      script.addAll(List.of(statuses));
    }
    return this;
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/send";
  }

  String secret() {
    return secret;
  }

  /** Checks signatures with {@code secret} from now on. */
  public ProviderServer secret(String secret) {
    this.secret = secret;
    return this;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  long successes() {
    return requests.stream().filter(r -> r.answered() == 200).count();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
