package dev.flywheel.community.library;

import dev.flywheel.community.ActivityScript;
import dev.flywheel.community.GameQuestion;
import dev.flywheel.platform.web.FieldIssue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What a library script must satisfy; each problem as a field issue. */
public final class ScriptChecks {
  private ScriptChecks() {}

  public static List<FieldIssue> check(ActivityScript s) {
    List<FieldIssue> issues = new ArrayList<>();
    text(issues, "title", s.title(), 120);
    text(issues, "theme", s.theme(), 60);
    if (s.tags() != null && (s.tags().size() > 20 || s.tags().stream().anyMatch(t -> t == null || t.isBlank()
        || t.length() > 40))) {
      issues.add(new FieldIssue("tags", "invalid", "at most 20 tags of 1 to 40 characters"));
    }
    if (s.rules() != null && s.rules().length() > 4000) {
      issues.add(new FieldIssue("rules", "too-long", "at most 4000 characters"));
    }
    if (s.durationMinutes() < 1 || s.durationMinutes() > 1440) {
      issues.add(new FieldIssue("duration_minutes", "invalid", "1 to 1440 minutes"));
    }
    messages(issues, s);
    if (s.form() != null) {
      game(issues, s);
    }
    if (s.prize() != null && (s.prize().asset() == null || s.prize().amount() <= 0)) {
      issues.add(new FieldIssue("prize", "invalid", "an asset and a positive amount"));
    }
    return issues;
  }

  private static void messages(List<FieldIssue> issues, ActivityScript s) {
    if (s.messages() == null || s.messages().isEmpty() || s.messages().size() > 30) {
      issues.add(new FieldIssue("messages", "required", "1 to 30 messages"));
      return;
    }
    int last = -1;
    for (int i = 0; i < s.messages().size(); i++) {
      ActivityScript.Message m = s.messages().get(i);
      if (m.body() == null || m.body().isBlank() || m.body().length() > 4000) {
        issues.add(new FieldIssue("messages[" + i + "].body", "required", "1 to 4000 characters"));
      }
      if (m.offsetMinutes() < last || m.offsetMinutes() < 0 || m.offsetMinutes() > s.durationMinutes()) {
        issues.add(new FieldIssue("messages[" + i + "].offset_minutes", "invalid",
            "in order, from 0 to the expected duration"));
      }
      last = Math.max(last, m.offsetMinutes());
    }
  }

  private static void game(List<FieldIssue> issues, ActivityScript s) {
    if (s.questions() == null || s.questions().isEmpty() || s.questions().size() > 50) {
      issues.add(new FieldIssue("questions", "required", "a game has 1 to 50 questions"));
      return;
    }
    for (int i = 0; i < s.questions().size(); i++) {
      GameQuestion q = s.questions().get(i);
      String at = "questions[" + i + "].";
      if (q.prompt() == null || q.prompt().isBlank() || q.prompt().length() > 1000) {
        issues.add(new FieldIssue(at + "prompt", "required", "1 to 1000 characters"));
      }
      if (q.options() == null || q.options().size() < 2 || q.options().size() > 6
          || q.options().stream().anyMatch(o -> o == null || o.isBlank())) {
        issues.add(new FieldIssue(at + "options", "invalid", "2 to 6 options (A, B, C …)"));
      } else if (q.correct() < 0 || q.correct() >= q.options().size()) {
        issues.add(new FieldIssue(at + "correct", "invalid", "the index of one of the options"));
      }
    }
    if (s.revealDelay() == null || s.revealDelay().isNegative() || s.revealDelay().compareTo(Duration.ofHours(1)) > 0) {
      issues.add(new FieldIssue("reveal_delay_seconds", "invalid", "0 to 3600 seconds"));
    }
  }

  private static void text(List<FieldIssue> issues, String field, String value, int max) {
    if (value == null || value.isBlank() || value.strip().length() > max) {
      issues.add(new FieldIssue(field, "required", "1 to " + max + " characters"));
    }
  }
}
