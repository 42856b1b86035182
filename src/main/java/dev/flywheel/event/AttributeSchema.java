package dev.flywheel.event;

import java.util.List;

/**
 * One attribute of an event type.
 *
 * @param values the allowed values of an {@code ENUM}; empty otherwise
 * @param minimum lower bound of an {@code INTEGER}, or null
 */
public record AttributeSchema(String name, AttributeType type, boolean required, List<String> values, Long minimum) {
  public AttributeSchema {
    values = values == null ? List.of() : List.copyOf(values);
  }

  public static AttributeSchema required(String name, AttributeType type) {
    return new AttributeSchema(name, type, true, List.of(), null);
  }

  public static AttributeSchema optional(String name, AttributeType type) {
    return new AttributeSchema(name, type, false, List.of(), null);
  }

  public AttributeSchema oneOf(String... allowed) {
    return new AttributeSchema(name, AttributeType.ENUM, required, List.of(allowed), minimum);
  }

  public AttributeSchema atLeast(long min) {
    return new AttributeSchema(name, type, required, values, min);
  }
}
