package dev.flywheel.journey;

import dev.flywheel.platform.web.FieldIssue;
import java.util.List;

/** What a change to a journey did: a bad definition is a value with every field at fault. */
public sealed interface JourneyResult {
  record Done(Journey journey) implements JourneyResult {}

  record Invalid(List<FieldIssue> issues) implements JourneyResult {}

  /** Refused in this state, e.g. {@code nothing-published} when resuming a draft. */
  record Refused(String code, String detail) implements JourneyResult {}
}
