package dev.flywheel.journey.definition;

import dev.flywheel.event.EventTypes;
import dev.flywheel.platform.web.FieldIssue;
import java.util.List;
import org.springframework.stereotype.Component;

/** Checks shared by the definition and step checks: event types exist, conditions compile. */
@Component
class Fields {
  private final EventTypes eventTypes;
  private final JourneyLanguage language;

  Fields(EventTypes eventTypes, JourneyLanguage language) {
    this.eventTypes = eventTypes;
    this.language = language;
  }

  void eventType(long tenantId, String field, String type, List<FieldIssue> issues) {
    if (type == null || type.isBlank()) {
      issues.add(new FieldIssue(field, "missing-field", "an event type is required"));
    } else if (eventTypes.find(tenantId, type).isEmpty()) {
      issues.add(new FieldIssue(field, "unknown-event-type", "unknown event type '" + type + "'"));
    }
  }

  /** A blank condition is fine (always true); else it must compile, reported with its position. */
  void condition(String field, String expression, List<FieldIssue> issues) {
    if (expression == null || expression.isBlank()) {
      return;
    }
    if (language.compile(expression) instanceof JourneyLanguage.Compilation.Invalid invalid) {
      issues.add(new FieldIssue(field, "invalid-condition",
          "at line " + invalid.line() + ", column " + invalid.column() + ": " + invalid.message()));
    }
  }
}
