package dev.flywheel.event;

import java.util.List;

/** A tenant's request to define a custom event type; validated by {@link EventTypes#define}. */
public record NewEventType(String name, String description, List<AttributeSchema> attributes) {
  public NewEventType {
    attributes = attributes == null ? List.of() : List.copyOf(attributes);
  }
}
