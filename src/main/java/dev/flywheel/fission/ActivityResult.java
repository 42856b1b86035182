package dev.flywheel.fission;

import dev.flywheel.platform.web.FieldIssue;
import java.util.List;

/** Creating an activity: done, or refused with field issues. */
public sealed interface ActivityResult {
  record Done(Activity activity) implements ActivityResult {}

  record Refused(String code, String detail, List<FieldIssue> fields) implements ActivityResult {}
}
