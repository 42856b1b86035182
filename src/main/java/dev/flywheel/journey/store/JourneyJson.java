package dev.flywheel.journey.store;

import dev.flywheel.journey.JourneyDefinition;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Journey definitions and run contexts as JSON (jsonb columns). */
@Component
public class JourneyJson {
  private final JsonMapper json;

  JourneyJson(JsonMapper json) {
    this.json = json;
  }

  public String write(Object value) {
    return json.writeValueAsString(value);
  }

  public JourneyDefinition definition(String text) {
    return json.readValue(text, JourneyDefinition.class);
  }

  public Map<String, Object> map(String text) {
    return text == null ? Map.of() : json.readValue(text, new TypeReference<Map<String, Object>>() {});
  }

  /** A parameter map (form or JSON) as a definition, e.g. from a template's output. */
  public <T> T convert(Object value, Class<T> type) {
    return json.convertValue(value, type);
  }
}
