package dev.flywheel.event;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Builders for event JSON and a small HTTP client that returns status + JSON, for the API tests. */
final class EventFixtures {
  static final JsonMapper JSON = JsonMapper.builder().build();

  private EventFixtures() {}

  /** Occurring a minute before the (movable, non-ticking) application clock's now. */
  static EventBuilder anEvent(Clock clock) {
    return new EventBuilder(clock.instant().minusSeconds(60));
  }

  /** An event as a JSON object; defaults: a fresh id, customer {@code c-1}, {@code app_login}, occurred now-ish. */
  static final class EventBuilder {
    private final Map<String, Object> json = new LinkedHashMap<>();
    private final Map<String, Object> attributes = new LinkedHashMap<>();

    EventBuilder(Instant occurredAt) {
      json.put("event_id", "e-" + UUID.randomUUID());
      json.put("customer_id", "c-1");
      json.put("type", "app_login");
      json.put("occurred_at", occurredAt.toString());
    }

    EventBuilder id(String id) {
      return with("event_id", id);
    }

    EventBuilder customer(String id) {
      return with("customer_id", id);
    }

    EventBuilder type(String type) {
      return with("type", type);
    }

    EventBuilder at(Object occurredAt) {
      return with("occurred_at", occurredAt.toString());
    }

    EventBuilder attr(String name, Object value) {
      attributes.put(name, value);
      return this;
    }

    EventBuilder with(String field, Object value) {
      if (value == null) {
        json.remove(field);
      } else {
        json.put(field, value);
      }
      return this;
    }

    String id() {
      return (String) json.get("event_id");
    }

    Map<String, Object> map() {
      Map<String, Object> copy = new LinkedHashMap<>(json);
      copy.put("attributes", attributes);
      return copy;
    }

    String toJson() {
      return JSON.writeValueAsString(map());
    }
  }

  static String batch(List<EventBuilder> events) {
    return JSON.writeValueAsString(Map.of("events", events.stream().map(EventBuilder::map).toList()));
  }

  record Reply(int status, String contentType, JsonNode body) {
    String code() {
      return body.path("code").asString();
    }

    /** The {@code field → code} pairs of a problem's {@code errors}. */
    Map<String, String> errors() {
      Map<String, String> errors = new LinkedHashMap<>();
      body.path("errors").forEach(e -> errors.put(e.path("field").asString(), e.path("code").asString()));
      return errors;
    }
  }

  /** Calls the API with one tenant's key. */
  record Api(RestClient http, String apiKey) {
    static Api at(int port, String apiKey) {
      return new Api(RestClient.create("http://localhost:" + port), apiKey);
    }

    Reply post(String path, String body) {
      return http.post().uri(path).header("Authorization", "Bearer " + apiKey)
          .header("Content-Type", "application/json").body(body)
          .exchange((req, res) -> reply(res.getStatusCode().value(), res.getHeaders().getFirst("Content-Type"),
              res.getBody().readAllBytes()));
    }

    Reply get(String path) {
      return http.get().uri(path).header("Authorization", "Bearer " + apiKey)
          .exchange((req, res) -> reply(res.getStatusCode().value(), res.getHeaders().getFirst("Content-Type"),
              res.getBody().readAllBytes()));
    }

    private static Reply reply(int status, String contentType, byte[] body) {
      return new Reply(status, contentType, body.length == 0 ? JSON.nullNode() : JSON.readTree(body));
    }
  }
}
