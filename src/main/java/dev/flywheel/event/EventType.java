package dev.flywheel.event;

import java.util.List;
import java.util.Optional;

/**
 * An event type with its attribute schema: built in (the finance vocabulary every tenant shares)
 * or defined by one tenant. Immutable once defined.
 */
public record EventType(String name, String description, boolean builtIn, List<AttributeSchema> attributes) {
  public EventType {
    attributes = List.copyOf(attributes);
  }

  public Optional<AttributeSchema> attribute(String attributeName) {
    return attributes.stream().filter(a -> a.name().equals(attributeName)).findFirst();
  }
}
