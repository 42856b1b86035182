package dev.flywheel.campaign.evaluation;

import java.util.List;
import java.util.Map;

/**
 * What one campaign decided for one event: the explanation row, and for an applied campaign the
 * effects it committed (JSON-ready: {@code grants}, {@code tags}, {@code signals}).
 *
 * @param reason one of {@link Reason}
 * @param rules per rule: {@code rule}, {@code applies}, {@code why}, {@code condition}, {@code detail}
 */
record Outcome(long campaignId, int version, String campaignName, boolean applied, Reason reason, String detail,
    List<Map<String, Object>> rules, Map<String, Object> effects) {

  /** Why a campaign did or did not apply, in the order they are checked. */
  enum Reason {
    OUTSIDE_WINDOW, NOT_IN_AUDIENCE, CONDITION_FALSE, EVALUATION_ERROR, NOTHING_TO_GRANT, EXCLUDED, CAP_REACHED,
    BUDGET_EXHAUSTED, APPLIED
  }

  static Outcome no(long campaignId, int version, String name, Reason reason, String detail,
      List<Map<String, Object>> rules) {
    return new Outcome(campaignId, version, name, false, reason, detail, rules, Map.of());
  }
}
