package dev.flywheel.fission;

import java.util.List;

/** What a help attempt did. A refusal is a value with a stable code; it wrote nothing. */
public sealed interface HelpOutcome {

  /** Counted toward the task: {@code helps} of {@code needed} now. */
  record Counted(long taskId, int helps, int needed) implements HelpOutcome {}

  /** Recorded but held for review (anti-fraud signals); it counts only once an operator approves. */
  record Held(long taskId, List<String> flags) implements HelpOutcome {}

  /**
   * Refused: {@code invalid-invite}, {@code invite-expired}, {@code activity-not-started},
   * {@code activity-ended}, {@code own-task}, {@code helper-not-new}, {@code already-helped},
   * {@code already-helped-another}, {@code task-full}.
   */
  record Refused(String code, String detail) implements HelpOutcome {}
}
