package dev.flywheel.campaign;

import dev.flywheel.platform.web.FieldIssue;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule's compile or type-check error in parts, for editors that point at the spot: the rule id,
 * the field ({@code rules[0].condition}, {@code rules[1].effects[0].amount}), the 1-based line and
 * column, and CEL's own message. The module writes such issues as {@link FieldIssue}s with code
 * {@code invalid-rule} and message {@code rule '<id>', <field>, line <l>, column <c>: <message>};
 * this record is that format read back, so the format has one owner.
 */
public record RuleIssue(String ruleId, String field, int line, int column, String message) {
  private static final Pattern FORMAT = Pattern.compile(
      "rule '([^']*)', (\\S+), line (\\d+), column (\\d+): (.*)", Pattern.DOTALL);

  /** The issue's parts, or empty when it is no compile error (e.g. a missing budget). */
  public static Optional<RuleIssue> of(FieldIssue issue) {
    if (!RuleCompiler.INVALID_RULE.equals(issue.code()) || issue.message() == null) {
      return Optional.empty();
    }
    Matcher m = FORMAT.matcher(issue.message());
    return m.matches() ? Optional.of(new RuleIssue(m.group(1), m.group(2), Integer.parseInt(m.group(3)),
        Integer.parseInt(m.group(4)), m.group(5))) : Optional.empty();
  }

  static String format(String ruleLabel, String field, int line, int column, String message) {
    return ruleLabel + ", " + field + ", line " + line + ", column " + column + ": " + message;
  }
}
