package dev.flywheel.console;

import dev.flywheel.journey.JourneyStep;
import dev.flywheel.journey.SplitArm;
import dev.flywheel.journey.StepType;
import dev.flywheel.ledger.Asset;
import dev.flywheel.reach.Channel;
import dev.flywheel.reach.MessageCategory;
import dev.flywheel.platform.web.FieldIssue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.util.MultiValueMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The journey editor's step list as form rows: each row maps a step's JSON field names
 * ({@code key}, {@code template}, {@code until_event} …) to the text in its input, so a row
 * that does not parse is shown again as typed. Lists are comma-separated; {@code values} and
 * {@code arms} are JSON.
 */
final class StepForm {
  static final Map<StepType, List<String>> FIELDS = Map.of(
      StepType.SEND, List.of("channels", "template", "category", "values", "skip_used_channels"),
      StepType.PHONE_TASK, List.of("template", "category", "values"),
      StepType.WAIT, List.of("duration", "until_event", "until_phone_outcome", "until_condition", "timeout", "on_event", "on_timeout",
          "until_date", "offset"),
      StepType.BRANCH, List.of("condition", "then", "else", "arms"),
      StepType.GRANT, List.of("campaign_id", "asset", "amount", "coupon_template_id"),
      StepType.TAG, List.of("tags"),
      StepType.EXIT, List.of("reason"));
  /** Per type name, every input of its form in order: key and next first. */
  static final Map<String, List<String>> INPUTS = inputs();
  static final Map<String, List<String>> CHOICES = Map.of(
      "category", names(MessageCategory.values()),
      "asset", names(Asset.values()),
      "skip_used_channels", List.of("", "true"),
      "until_phone_outcome", List.of("", "true"));

  private StepForm() {}

  private static Map<String, List<String>> inputs() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (StepType type : StepType.values()) {
      List<String> names = new ArrayList<>(List.of("key", "next"));
      names.addAll(FIELDS.get(type));
      out.put(type.name(), List.copyOf(names));
    }
    return Map.copyOf(out);
  }

  private static List<String> names(Enum<?>[] values) {
    List<String> out = new ArrayList<>(List.of(""));
    Arrays.stream(values).map(Enum::name).forEach(out::add);
    return out;
  }

  /** The rows of saved steps. */
  static List<Map<String, String>> rows(List<JourneyStep> steps, JsonMapper json) {
    List<Map<String, String>> rows = new ArrayList<>();
    for (JourneyStep s : steps) {
      Map<String, String> row = new LinkedHashMap<>();
      row.put("type", s.type() == null ? "EXIT" : s.type().name());
      row.put("key", text(s.key()));
      row.put("next", text(s.next()));
      row.put("channels", s.channels() == null ? "" : String.join(", ", s.channels().stream().map(Enum::name).toList()));
      row.put("template", text(s.template()));
      row.put("category", s.category() == null ? "" : s.category().name());
      row.put("values", s.values() == null ? "" : json.writeValueAsString(s.values()));
      row.put("skip_used_channels", Boolean.TRUE.equals(s.skipUsedChannels()) ? "true" : "");
      row.put("duration", text(s.duration()));
      row.put("until_event", text(s.untilEvent()));
      row.put("until_phone_outcome", s.waitsForPhoneOutcome() ? "true" : "");
      row.put("until_condition", text(s.untilCondition()));
      row.put("timeout", text(s.timeout()));
      row.put("on_event", text(s.onEvent()));
      row.put("on_timeout", text(s.onTimeout()));
      row.put("until_date", text(s.untilDate()));
      row.put("offset", text(s.offset()));
      row.put("condition", text(s.condition()));
      row.put("then", text(s.then()));
      row.put("else", text(s.otherwise()));
      row.put("arms", s.arms() == null ? "" : json.writeValueAsString(s.arms()));
      row.put("campaign_id", s.campaignId() == null ? "" : s.campaignId().toString());
      row.put("asset", s.asset() == null ? "" : s.asset().name());
      row.put("amount", s.amount() == null ? "" : s.amount().toString());
      row.put("coupon_template_id", s.couponTemplateId() == null ? "" : s.couponTemplateId().toString());
      row.put("tags", s.tags() == null ? "" : String.join(", ", s.tags()));
      row.put("reason", text(s.reason()));
      rows.add(row);
    }
    return rows;
  }

  /** The rows as posted: {@code steps[i].field} for i = 0, 1, … while {@code steps[i].type} is present. */
  static List<Map<String, String>> rows(MultiValueMap<String, String> form) {
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = 0; form.containsKey("steps[" + i + "].type"); i++) {
      String at = "steps[" + i + "].";
      Map<String, String> row = new LinkedHashMap<>();
      form.forEach((name, values) -> {
        if (name.startsWith(at) && !values.isEmpty()) {
          row.put(name.substring(at.length()), values.getFirst().trim());
        }
      });
      rows.add(row);
    }
    return rows;
  }

  /** A new, empty row of {@code type} with a key not used yet. */
  static Map<String, String> blank(StepType type, List<Map<String, String>> rows) {
    String base = type.name().toLowerCase().replace('_', '-');
    int n = rows.size() + 1;
    while (taken(rows, base + "-" + n)) {
      n++;
    }
    Map<String, String> row = new LinkedHashMap<>();
    row.put("type", type.name());
    row.put("key", base + "-" + n);
    return row;
  }

  private static boolean taken(List<Map<String, String>> rows, String key) {
    return rows.stream().anyMatch(r -> key.equals(r.get("key")));
  }

  /** The parsed steps, or the fields that are not numbers / JSON / known names. */
  record Parsed(List<JourneyStep> steps, List<FieldIssue> issues) {}

  static Parsed parse(List<Map<String, String>> rows, JsonMapper json) {
    List<JourneyStep> steps = new ArrayList<>();
    List<FieldIssue> issues = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      steps.add(new Row(rows.get(i), "steps[" + i + "].", json, issues).step());
    }
    return new Parsed(steps, issues);
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }

  /** One row being read; unreadable fields become issues and null. */
  private record Row(Map<String, String> in, String at, JsonMapper json, List<FieldIssue> issues) {
    JourneyStep step() {
      StepType type = choice(StepType.class, "type");
      List<Channel> channels = type == StepType.PHONE_TASK ? List.of(Channel.PHONE_TASK)
          : list("channels") == null ? null : list("channels").stream().map(c -> parseEnum(Channel.class, "channels", c)).toList();
      return new JourneyStep(get("key"), type, get("next"), channels, get("template"),
          choice(MessageCategory.class, "category"), jsonField("values", new TypeReference<Map<String, Object>>() {}),
          "true".equals(get("skip_used_channels")) ? Boolean.TRUE : null, get("duration"), get("until_event"),
          get("until_condition"), get("timeout"), get("on_event"), get("on_timeout"), get("until_date"), get("offset"),
          get("condition"), get("then"), get("else"), jsonField("arms", new TypeReference<List<SplitArm>>() {}),
          number("campaign_id"), choice(Asset.class, "asset"), number("amount"), number("coupon_template_id"),
          list("tags"), get("reason"), "true".equals(get("until_phone_outcome")) ? Boolean.TRUE : null);
    }

    String get(String field) {
      String value = in.get(field);
      return value == null || value.isBlank() ? null : value.trim();
    }

    List<String> list(String field) {
      String value = get(field);
      return value == null ? null : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    Long number(String field) {
      String value = get(field);
      try {
        return value == null ? null : Long.valueOf(value);
      } catch (NumberFormatException e) {
        issues.add(new FieldIssue(at + field, "not-a-number", "'" + value + "' is not a whole number"));
        return null;
      }
    }

    <E extends Enum<E>> E choice(Class<E> type, String field) {
      String value = get(field);
      return value == null ? null : parseEnum(type, field, value);
    }

    <E extends Enum<E>> E parseEnum(Class<E> type, String field, String value) {
      try {
        return Enum.valueOf(type, value.toUpperCase());
      } catch (IllegalArgumentException e) {
        issues.add(new FieldIssue(at + field, "unknown-value", "'" + value + "' is not one of "
            + Arrays.toString(type.getEnumConstants())));
        return null;
      }
    }

    <T> T jsonField(String field, TypeReference<T> type) {
      String value = get(field);
      try {
        return value == null ? null : json.readValue(value, type);
      } catch (JacksonException e) {
        issues.add(new FieldIssue(at + field, "invalid-json", e.getOriginalMessage()));
        return null;
      }
    }
  }
}
