package dev.flywheel.event.types;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Attributes as JSON and back, without losing a cent: decimals are read as {@code BigDecimal}
 * and written plain. Thread-safe.
 */
public final class AttributeJson {
  public static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
      .build();

  private AttributeJson() {}

  public static String write(Map<String, Object> attributes) {
    return MAPPER.writeValueAsString(attributes);
  }

  public static Map<String, Object> read(String json) {
    return toMap(MAPPER.readTree(json));
  }

  /** An object node as JSON-native Java values (see {@link #value}). */
  public static Map<String, Object> toMap(JsonNode object) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      map.put(e.getKey(), value(e.getValue()));
    }
    return map;
  }

  /**
   * {@code String}, {@code Long} (or {@code BigInteger} beyond long), {@code BigDecimal},
   * {@code Boolean}, null; objects and arrays stay {@link JsonNode}s, which no attribute type accepts.
   */
  public static Object value(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isString()) {
      return node.stringValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
    }
    if (node.isNumber()) {
      BigDecimal d = node.decimalValue();
      return d;
    }
    return node;
  }
}
