package dev.flywheel.community.game;

import dev.flywheel.community.GameQuestion;
import dev.flywheel.community.GameSpec;
import dev.flywheel.ledger.Asset;
import dev.flywheel.platform.web.FieldIssue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What a game spec must satisfy before it is prepared; each issue names the field at fault. */
public final class GameChecks {
  public static final int MAX_QUESTIONS = 50;
  public static final Duration MIN_DELAY = Duration.ofSeconds(10);
  public static final Duration MAX_DELAY = Duration.ofHours(1);

  private GameChecks() {}

  public static List<FieldIssue> check(GameSpec spec) {
    List<FieldIssue> issues = new ArrayList<>();
    if (spec == null) {
      return List.of(new FieldIssue("spec", "required", "a game spec"));
    }
    if (spec.form() == null) {
      issues.add(new FieldIssue("form", "required", "QUIZ, PINYIN, DICE or RIDDLE"));
    }
    if (spec.title() == null || spec.title().isBlank() || spec.title().strip().length() > 120) {
      issues.add(new FieldIssue("title", "required", "1 to 120 characters"));
    }
    if (spec.rules() != null && spec.rules().length() > 2000) {
      issues.add(new FieldIssue("rules", "too-long", "at most 2000 characters"));
    }
    questions(spec.questions(), issues);
    Duration delay = spec.revealDelay();
    if (delay == null || delay.compareTo(MIN_DELAY) < 0 || delay.compareTo(MAX_DELAY) > 0) {
      issues.add(new FieldIssue("reveal_delay", "out-of-range", "10 seconds to 1 hour"));
    }
    if (spec.prize() != null) {
      if (spec.prize().asset() == null || spec.prize().asset() == Asset.COUPON) {
        issues.add(new FieldIssue("prize.asset", "unsupported", "POINTS, CASH_BACK, LOTTERY_CHANCE or INTEREST_BONUS"));
      }
      if (spec.prize().amount() <= 0) {
        issues.add(new FieldIssue("prize.amount", "not-positive", "a positive amount"));
      }
    }
    if (spec.productPost() != null && spec.productPost().length() > 3000) {
      issues.add(new FieldIssue("product_post", "too-long", "at most 3000 characters"));
    }
    return issues;
  }

  private static void questions(List<GameQuestion> questions, List<FieldIssue> issues) {
    if (questions == null || questions.isEmpty() || questions.size() > MAX_QUESTIONS) {
      issues.add(new FieldIssue("questions", "count", "1 to " + MAX_QUESTIONS + " questions"));
      if (questions == null) {
        return;
      }
    }
    for (int i = 0; i < Math.min(questions.size(), MAX_QUESTIONS); i++) {
      GameQuestion q = questions.get(i);
      String at = "questions[" + i + "]";
      if (q == null) {
        issues.add(new FieldIssue(at, "required", "a question"));
        continue;
      }
      if (q.prompt() == null || q.prompt().isBlank() || q.prompt().length() > 1000) {
        issues.add(new FieldIssue(at + ".prompt", "required", "1 to 1000 characters"));
      }
      int options = q.options() == null ? 0 : q.options().size();
      if (options < 2 || options > 6) {
        issues.add(new FieldIssue(at + ".options", "count", "2 to 6 options (A to F)"));
      } else {
        for (int o = 0; o < options; o++) {
          String text = q.options().get(o);
          if (text == null || text.isBlank() || text.length() > 200) {
            issues.add(new FieldIssue(at + ".options[" + o + "]", "required", "1 to 200 characters"));
          }
        }
      }
      if (q.correct() < 0 || q.correct() >= Math.max(options, 1) || options == 0) {
        issues.add(new FieldIssue(at + ".correct", "out-of-range", "the index of one of the options"));
      }
    }
  }
}
