package dev.flywheel.customer.profile;

import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validated {@code PUT /api/v1/customers/{id}} body. Parsing collects every field at fault and
 * throws one {@code invalid-customer} problem naming them all.
 */
record ProfileForm(String name, String phone, LocalDate birthday, String city, String riskLevel,
    String assetTier, Map<String, Object> attributes, List<String> tags, String acquisitionChannel,
    Instant acquiredAt, String email) {

  static final String CODE = "invalid-customer";
  static final Pattern ID = Pattern.compile("^[A-Za-z0-9._:@-]{1,64}$");
  static final Pattern TAG = Pattern.compile("^[\\p{L}\\p{N}_.:-]{1,40}$");
  static final int MAX_TAGS = 50;
  private static final Pattern PHONE = Pattern.compile("^\\+?[0-9][0-9 -]{4,19}$");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");
  private static final Pattern ATTRIBUTE_KEY = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,63}$");
  private static final Set<String> FIELDS = Set.of("name", "phone", "birthday", "city", "risk_level",
      "asset_tier", "attributes", "tags", "acquisition_channel", "acquired_at", "email");

  static void checkId(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw Problem.invalid(CODE, "The customer id is invalid", List.of(new FieldIssue("id", "invalid-format",
          "must match ^[A-Za-z0-9._:@-]{1,64}$")));
    }
  }

  @SuppressWarnings("unchecked")
  static ProfileForm parse(Map<String, Object> body, LocalDate today) {
    List<FieldIssue> issues = new ArrayList<>();
    Map<String, Object> b = body == null ? Map.of() : body;
    b.keySet().stream().filter(k -> !FIELDS.contains(k)).sorted()
        .forEach(k -> issues.add(new FieldIssue(k, "unknown-field", "is not a customer field")));
    String name = text(b, "name", 100, issues);
    String phone = text(b, "phone", 25, issues);
    if (phone != null && !PHONE.matcher(phone).matches()) {
      issues.add(new FieldIssue("phone", "invalid-format", "must be digits, optionally with +, spaces or dashes"));
    }
    LocalDate birthday = date(b, today, issues);
    Map<String, Object> attributes = attributes(b.get("attributes"), issues);
    List<String> tags = tags(b.get("tags"), "tags", issues);
    Instant acquiredAt = instant(b, "acquired_at", issues);
    String email = text(b, "email", 254, issues);
    if (email != null && !EMAIL.matcher(email).matches()) {
      issues.add(new FieldIssue("email", "invalid-format", "must be an e-mail address like name@example.com"));
    }
    ProfileForm form = new ProfileForm(name, phone, birthday, text(b, "city", 64, issues),
        text(b, "risk_level", 64, issues), text(b, "asset_tier", 64, issues), attributes, tags,
        text(b, "acquisition_channel", 64, issues), acquiredAt, email);
    if (!issues.isEmpty()) {
      throw Problem.invalid(CODE, "The customer has invalid fields", issues);
    }
    return form;
  }

  /** Validates a tag list (distinct, order kept); adds issues under {@code field}. */
  static List<String> tags(Object value, String field, List<FieldIssue> issues) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      issues.add(new FieldIssue(field, "wrong-type", "must be an array of strings"));
      return List.of();
    }
    Set<String> tags = new LinkedHashSet<>();
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) instanceof String tag && TAG.matcher(tag).matches()) {
        tags.add(tag);
      } else {
        issues.add(new FieldIssue(field + "[" + i + "]", "invalid-format",
            "must be 1-40 letters, digits, '_', '.', ':' or '-'"));
      }
    }
    if (tags.size() > MAX_TAGS) {
      issues.add(new FieldIssue(field, "too-many", "at most " + MAX_TAGS + " tags"));
    }
    return List.copyOf(tags);
  }

  private static String text(Map<String, Object> b, String field, int max, List<FieldIssue> issues) {
    Object v = b.get(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      issues.add(new FieldIssue(field, "wrong-type", "must be a string"));
      return null;
    }
    if (s.isBlank() || s.length() > max) {
      issues.add(new FieldIssue(field, "invalid-length", "must be 1-" + max + " characters"));
      return null;
    }
    return s.strip();
  }

  private static LocalDate date(Map<String, Object> b, LocalDate today, List<FieldIssue> issues) {
    Object v = b.get("birthday");
    if (v == null) {
      return null;
    }
    try {
      LocalDate d = LocalDate.parse(v.toString());
      if (d.isAfter(today) || d.getYear() < 1900) {
        issues.add(new FieldIssue("birthday", "out-of-range", "must be between 1900-01-01 and today"));
      }
      return d;
    } catch (DateTimeParseException e) {
      issues.add(new FieldIssue("birthday", "invalid-format", "must be a date like 1990-04-01"));
      return null;
    }
  }

  private static Instant instant(Map<String, Object> b, String field, List<FieldIssue> issues) {
    Object v = b.get(field);
    if (v == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(v.toString()).toInstant();
    } catch (DateTimeParseException e) {
      issues.add(new FieldIssue(field, "invalid-format", "must be an ISO-8601 time with offset"));
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> attributes(Object v, List<FieldIssue> issues) {
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof Map<?, ?> map)) {
      issues.add(new FieldIssue("attributes", "wrong-type", "must be a JSON object"));
      return Map.of();
    }
    if (map.size() > 64) {
      issues.add(new FieldIssue("attributes", "too-many", "at most 64 attributes"));
    }
    map.keySet().stream().map(String::valueOf).filter(k -> !ATTRIBUTE_KEY.matcher(k).matches())
        .forEach(k -> issues.add(new FieldIssue("attributes." + k, "invalid-key",
            "keys are 1-64 letters, digits or '_', not starting with a digit")));
    return (Map<String, Object>) map;
  }
}
