package dev.flywheel.community;

import dev.flywheel.platform.web.FieldIssue;
import java.util.List;

/** The answer to a change of a game: done, or refused with a stable code, field issues and nothing written. */
public sealed interface GameResult {
  record Done(Game game) implements GameResult {}

  record Refused(String code, String message, List<FieldIssue> issues) implements GameResult {
    public static Refused of(String code, String message) {
      return new Refused(code, message, List.of());
    }
  }
}
