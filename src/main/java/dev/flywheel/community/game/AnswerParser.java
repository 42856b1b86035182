package dev.flywheel.community.game;

import java.text.Normalizer;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a member's chat message as the answer to a round with {@code options} options, leniently
 * (seed 001: members reply with one letter). The message is NFKC-normalised (full-width
 * {@code Ａ}, {@code ：}, {@code （} become {@code A}, {@code :}, {@code (}), trimmed and upper-cased;
 * then the whole message must be:
 *
 * <pre>
 *   answer  = [prefix] [":"] ["(" | "[" | "【"] letter [")" | "]" | "】"] [punct...]
 *   prefix  = "选" | "选择" | "选项" | "我选" | "我选择" | "答案" | "答案是" | "答案为" | "答" | "ANSWER" | "ANSWER IS"
 *   letter  = "A" … the round's last option letter (at most "F")
 *   punct   = "." | "。" | "!" | "！" | "、" | "," | "，" | "~" | "～"
 * </pre>
 *
 * with any spaces between the parts. Everything else is not an answer and is ignored: chatter
 * ({@code 哈哈}, {@code A good one}), several letters ({@code AB}), a letter past the last option.
 */
public final class AnswerParser {
  private static final Pattern ANSWER = Pattern.compile(
      "^(?:我?选(?:择|项)?|答案(?:是|为)?|答|ANSWER(?:\\s*IS)?)?\\s*:?\\s*[(\\[【]?\\s*([A-F])\\s*[)\\]】]?"
          + "\\s*[.。!！、,，~～]*$");

  private AnswerParser() {}

  /** The option index (0 for A), or empty when the message is not an answer to this round. */
  public static OptionalInt parse(String message, int options) {
    if (message == null || message.length() > 40) {
      return OptionalInt.empty();
    }
    String text = Normalizer.normalize(message, Normalizer.Form.NFKC).strip().toUpperCase(Locale.ROOT);
    Matcher m = ANSWER.matcher(text);
    if (!m.matches()) {
      return OptionalInt.empty();
    }
    int index = m.group(1).charAt(0) - 'A';
    return index < options ? OptionalInt.of(index) : OptionalInt.empty();
  }
}
