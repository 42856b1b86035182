package dev.flywheel.event.web;

import dev.flywheel.event.IncomingEvent;
import dev.flywheel.event.ingest.Submission;
import dev.flywheel.event.types.AttributeJson;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads events from request JSON (snake_case) into submissions, noting fields of the wrong JSON
 * type on the way so that validation reports them with everything else. Decimals stay exact.
 */
final class EventJson {
  private EventJson() {}

  static JsonNode parse(byte[] body) {
    try {
      return AttributeJson.MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw Problem.badRequest("malformed-json", "Malformed JSON: " + e.getOriginalMessage());
    }
  }

  static Submission submission(JsonNode node) {
    List<FieldIssue> issues = new ArrayList<>();
    if (!node.isObject()) {
      issues.add(new FieldIssue("", "wrong-field-type", "an event must be a JSON object"));
      return new Submission(new IncomingEvent(null, null, null, null, Map.of(), null, null), issues);
    }
    IncomingEvent event = new IncomingEvent(
        text(node, "event_id", issues), text(node, "customer_id", issues), text(node, "type", issues),
        time(node, "occurred_at", issues), attributes(node, issues),
        text(node, "channel", issues), text(node, "campaign", issues));
    return new Submission(event, issues);
  }

  private static String text(JsonNode node, String field, List<FieldIssue> issues) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isString()) {
      issues.add(new FieldIssue(field, field.equals("customer_id") ? "invalid-customer-id" : "wrong-field-type",
          "must be a string"));
      return null;
    }
    return value.stringValue();
  }

  private static Instant time(JsonNode node, String field, List<FieldIssue> issues) {
    String text = text(node, field, issues);
    if (text == null) {
      return null;
    }
    try {
      return Timestamps.parse(text);
    } catch (DateTimeParseException e) {
      issues.add(new FieldIssue(field, "invalid-timestamp", "must be ISO-8601 with an offset, e.g. 2025-06-01T09:30:00+08:00"));
      return null;
    }
  }

  private static Map<String, Object> attributes(JsonNode node, List<FieldIssue> issues) {
    JsonNode value = node.get("attributes");
    if (value == null || value.isNull()) {
      return Map.of();
    }
    if (!value.isObject()) {
      issues.add(new FieldIssue("attributes", "wrong-field-type", "must be a JSON object"));
      return Map.of();
    }
    return AttributeJson.toMap(value);
  }
}
