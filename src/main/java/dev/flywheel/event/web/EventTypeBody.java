package dev.flywheel.event.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.flywheel.event.AttributeSchema;
import dev.flywheel.event.EventType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** An event type as JSON: {@code {name, description, built_in, attributes: {name: {type, required, ...}}}}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record EventTypeBody(String name, String description, boolean builtIn, Map<String, AttributeBody> attributes) {

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record AttributeBody(String type, boolean required, List<String> values, Long minimum) {}

  static EventTypeBody of(EventType type) {
    Map<String, AttributeBody> attributes = new LinkedHashMap<>();
    for (AttributeSchema a : type.attributes()) {
      attributes.put(a.name(), new AttributeBody(a.type().jsonName(), a.required(), a.values(), a.minimum()));
    }
    return new EventTypeBody(type.name(), type.description(), type.builtIn(), attributes);
  }
}
