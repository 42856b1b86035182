package dev.flywheel.event.types;

import dev.flywheel.event.AttributeSchema;
import dev.flywheel.event.AttributeType;
import dev.flywheel.event.NewEventType;
import dev.flywheel.platform.web.FieldIssue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a custom event type definition; says nothing about name clashes (the store does). */
public final class DefinitionCheck {
  public static final Pattern TYPE_NAME = Pattern.compile("^[a-z][a-z0-9_]{1,63}$");
  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("^[a-z][a-z0-9_]{0,63}$");
  private static final int MAX_ATTRIBUTES = 50;
  private static final int MAX_DESCRIPTION = 500;

  private DefinitionCheck() {}

  public static List<FieldIssue> issues(NewEventType definition) {
    List<FieldIssue> issues = new ArrayList<>();
    if (definition.name() == null || !TYPE_NAME.matcher(definition.name()).matches()) {
      issues.add(new FieldIssue("name", "invalid-type-name", "must match " + TYPE_NAME.pattern()));
    }
    if (definition.description() != null && definition.description().length() > MAX_DESCRIPTION) {
      issues.add(new FieldIssue("description", "too-long", "must be at most " + MAX_DESCRIPTION + " characters"));
    }
    if (definition.attributes().size() > MAX_ATTRIBUTES) {
      issues.add(new FieldIssue("attributes", "too-many-attributes", "at most " + MAX_ATTRIBUTES));
    }
    Set<String> seen = new HashSet<>();
    for (AttributeSchema a : definition.attributes()) {
      String field = "attributes." + a.name();
      if (a.name() == null || !ATTRIBUTE_NAME.matcher(a.name()).matches() || !seen.add(a.name())) {
        issues.add(new FieldIssue(field, "invalid-attribute-name", "must be unique and match " + ATTRIBUTE_NAME.pattern()));
      }
      if (a.type() == AttributeType.ENUM && a.values().isEmpty()) {
        issues.add(new FieldIssue(field + ".values", "missing-enum-values", "an enum needs its values"));
      }
      if (a.type() != AttributeType.ENUM && !a.values().isEmpty()) {
        issues.add(new FieldIssue(field + ".values", "values-only-for-enum", "only an enum has values"));
      }
    }
    return issues;
  }
}
