package dev.flywheel.community.game;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The lenient answer grammar, as a table: message, options in the round, the option read (blank: not an answer). */
class AnswerParserTest {

  @ParameterizedTest(name = "[{index}] \"{0}\" with {1} options → {2}")
  @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, nullValues = "-", value = {
      "a|3|A", "A|3|A", "Ａ|3|A", "ｂ|3|B", " c |3|C", "选A|3|A", "选 b|3|B", "选择C|3|C", "选项B|3|B",
      "我选A|3|A", "我选择 c|3|C", "答案是B|3|B", "答案为C|3|C", "答案：A|3|A", "答案:a|3|A", "答B|3|B",
      "A.|3|A", "B。|3|B", "C!|3|C", "A！！|3|A", "B、|3|B", "(A)|3|A", "（Ｂ）|3|B", "【C】|3|C", "[a]|3|A",
      "answer: b|3|B", "Answer is C|3|C", "ANSWER A|3|A", "选F|6|F", "B~|3|B",
      "D|3|-", "选D|3|-", "AB|3|-", "A good one|3|-", "哈哈|3|-", "b站|3|-", "选|3|-", "ａｂ|3|-",
      "A B|3|-", "A?|3|-", "答案是什么|3|-", "G|6|-", "1|3|-", "ok|3|-", "|3|-"})
  void readsTheOptionOrNothing(String message, int options, String expected) {
    OptionalInt choice = AnswerParser.parse(message == null ? "" : message, options);
    if (expected == null) {
      assertThat(choice).isEmpty();
    } else {
      assertThat(choice).hasValue(expected.charAt(0) - 'A');
    }
  }
}
