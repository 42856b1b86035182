package dev.flywheel.campaign;

import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Plans and audit snapshots to and from the JSON stored in {@code jsonb} columns. Thread-safe. */
@Component
class PlanJson {
  private final JsonMapper json;

  PlanJson(JsonMapper json) {
    this.json = json;
  }

  String write(Object value) {
    return value == null ? null : json.writeValueAsString(value);
  }

  CampaignPlan plan(String text) {
    return json.readValue(text, CampaignPlan.class);
  }

  Map<String, Object> map(String text) {
    return text == null ? null : json.readValue(text, new TypeReference<Map<String, Object>>() {});
  }
}
