package dev.flywheel.journey;

import java.util.List;
import java.util.Map;

/**
 * A built-in journey: a parameter form that produces a {@link JourneyDefinition}.
 *
 * @param defaults a complete parameter set that works as is (reach template keys included)
 */
public record JourneyTemplate(String key, String name, String description, List<Parameter> parameters,
    Map<String, Object> defaults) {

  /** One form field; {@code type} is one of {@code string}, {@code int}, {@code list}, {@code channels}. */
  public record Parameter(String name, String type, String description) {}
}
