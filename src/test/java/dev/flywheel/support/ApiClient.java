package dev.flywheel.support;

import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/** A tiny JSON client for one tenant's API key; never throws on 4xx/5xx. */
public final class ApiClient {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final RestClient client;
  private final String key;

  public ApiClient(int port, String key) {
    this.client = RestClient.create("http://localhost:" + port);
    this.key = key;
  }

  public record Response(int status, Map<String, Object> body, String raw) {
    /** The value at a dotted path, e.g. {@code loan.stage}. */
    @SuppressWarnings("unchecked")
    public <T> T get(String path) {
      Object current = body;
      for (String part : path.split("\\.")) {
        current = current instanceof Map<?, ?> m ? m.get(part) : null;
      }
      return (T) current;
    }

    /** The problem detail's stable code. */
    public String code() {
      return get("code");
    }
  }

  public Response get(String uri) {
    return call(HttpMethod.GET, uri, null);
  }

  public Response put(String uri, Object body) {
    return call(HttpMethod.PUT, uri, body);
  }

  public Response post(String uri, Object body) {
    return call(HttpMethod.POST, uri, body);
  }

  public Response delete(String uri) {
    return call(HttpMethod.DELETE, uri, null);
  }

  @SuppressWarnings("unchecked")
  private Response call(HttpMethod method, String uri, Object body) {
    var spec = client.method(method).uri(uri).header("Authorization", "Bearer " + key);
    if (body != null) {
      spec = spec.contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(body));
    }
    return spec.exchange((req, res) -> {
      String raw = new String(res.getBody().readAllBytes());
      Object parsed = raw.isBlank() ? Map.of() : JSON.readValue(raw, Object.class);
      Map<String, Object> map = parsed instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of("items", parsed);
      return new Response(res.getStatusCode().value(), map, raw);
    });
  }
}
