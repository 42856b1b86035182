package dev.flywheel.community;

import java.time.Duration;
import java.util.List;

/**
 * An activity as the library keeps it: one version of a script.
 *
 * @param form the game it is, or null for a plain (non-game) activity
 * @param messages what is posted, in order, each at its offset from the start
 * @param questions for a game form: the rounds, answered with one letter (as in {@link GameSpec})
 * @param revealDelay for a game form: how long a round stays open
 * @param productPost for a game form: posted right after the game; may be null
 * @param prize per round (games) or for the activity; null for none
 * @param prizeNote how prizes are allocated, in words (e.g. "first correct answer each round")
 */
public record ActivityScript(String title, String theme, List<String> tags, String rules,
    List<Message> messages, GameForm form, List<GameQuestion> questions, Duration revealDelay,
    String productPost, GamePrize prize, String prizeNote, int durationMinutes) {

  /** One message of the script, posted {@code offsetMinutes} after the activity starts. */
  public record Message(int offsetMinutes, String body) {}

  public boolean game() {
    return form != null;
  }

  /** The game this script runs, for the games desk; null for a plain activity. */
  public GameSpec gameSpec() {
    return form == null ? null : new GameSpec(form, title, rules, questions, revealDelay, prize, productPost);
  }
}
