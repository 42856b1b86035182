package dev.flywheel.lottery;

import dev.flywheel.platform.web.FieldIssue;
import java.util.List;

/** What a change to a lottery did: the lottery, or why nothing was written. */
public sealed interface LotteryResult {

  record Done(Lottery lottery) implements LotteryResult {}

  /**
   * Nothing was written. {@code code}: {@code not-found}, {@code validation-failed} (see
   * {@code fields}), {@code not-draft}, {@code not-live}.
   */
  record Refused(String code, String detail, List<FieldIssue> fields) implements LotteryResult {}
}
