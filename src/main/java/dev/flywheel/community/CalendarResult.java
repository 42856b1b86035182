package dev.flywheel.community;

import dev.flywheel.platform.web.FieldIssue;
import java.util.List;

/** The answer to a change of the content calendar or the activity library: done, or refused (nothing written). */
public sealed interface CalendarResult<T> {
  record Done<T>(T value) implements CalendarResult<T> {}

  record Refused<T>(String code, String message, List<FieldIssue> issues) implements CalendarResult<T> {}

  static <T> CalendarResult<T> refused(String code, String message, FieldIssue... issues) {
    return new Refused<>(code, message, List.of(issues));
  }
}
