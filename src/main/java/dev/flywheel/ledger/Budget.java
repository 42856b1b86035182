package dev.flywheel.ledger;

import java.util.Map;

/** A campaign's budgets, one line per funded asset. */
public record Budget(long campaignId, Map<Asset, Line> lines) {

  /**
   * @param funded everything ever funded
   * @param remaining not yet granted (main account plus all slots)
   * @param granted {@code funded - remaining}; clawbacks do not return value to the budget
   */
  public record Line(long funded, long remaining, long granted) {}
}
