package dev.flywheel.event;

import java.util.Locale;
import java.util.Optional;

/**
 * Types an event attribute may have, and the Java value a validated attribute carries:
 * {@code STRING}, {@code DATE} (YYYY-MM-DD), {@code TIMESTAMP} (ISO-8601 with offset), {@code ENUM}
 * as {@code String}; {@code INTEGER} as {@code Long}; {@code DECIMAL} and {@code MONEY} (≥ 0, at
 * most 2 decimals, scale 2) as {@code BigDecimal}; {@code BOOLEAN} as {@code Boolean}.
 */
public enum AttributeType {
  STRING, INTEGER, DECIMAL, MONEY, BOOLEAN, DATE, TIMESTAMP, ENUM;

  /** The name used in JSON: lower case. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<AttributeType> fromJsonName(String name) {
    for (AttributeType t : values()) {
      if (t.jsonName().equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
