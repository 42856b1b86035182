package dev.flywheel.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a campaign's newest plan would have done over a past window of stored events, computed in
 * memory by {@link Campaigns#dryRun} (nothing written).
 *
 * <p>Semantics: the plan's window is moved to {@code [from, to)}; each stored event of a trigger
 * type in it meets the plan's rules in {@code (occurred_at, seq)} order exactly as the live
 * evaluator would (the same compiled {@link RuleProgram}s, the same CEL variables, counters
 * {@code count_today}/{@code is_first_today}/{@code is_first_ever} from the event store in the
 * tenant's zone, audience, per-customer caps per day / ISO week / campaign, grant keys). The
 * budget is <em>not</em> enforced: the report shows the demand, and {@code runsOutOn} the first
 * day whose cumulative cost exceeds the budget (live, the campaign would pause then). Estimates:
 * the customer facts and segment membership are today's (not as they were then); exclusive
 * stacking counts an event as excluded when a higher- or equal-priority exclusive campaign did
 * apply to it.
 *
 * @param eventsScanned events read in the window (trigger types and types counted by {@code count_today})
 * @param eventsEvaluated events of a trigger type met by the rules
 * @param applications events the campaign applied to
 * @param participants distinct customers granted something
 * @param outcomes per reason ({@code APPLIED}, {@code NOT_IN_AUDIENCE}, {@code CONDITION_FALSE},
 *     {@code EVALUATION_ERROR}, {@code NOTHING_TO_GRANT}, {@code EXCLUDED}, {@code CAP_REACHED}) the
 *     number of evaluated events
 * @param days every day of the window in the tenant's zone, oldest first, with the cost per asset
 * @param budgetRunsOutOn the earliest {@link AssetCost#runsOutOn} of any asset, or null
 */
public record DryRunReport(
    @JsonProperty("campaign_id") long campaignId,
    int version,
    Instant from,
    Instant to,
    @JsonProperty("time_zone") String timeZone,
    @JsonProperty("events_scanned") long eventsScanned,
    @JsonProperty("events_evaluated") long eventsEvaluated,
    long applications,
    long participants,
    Map<String, Long> outcomes,
    List<AssetCost> assets,
    List<DayCost> days,
    @JsonProperty("budget_runs_out_on") LocalDate budgetRunsOutOn) {

  /**
   * @param units total cost in the asset's unit (fen for money)
   * @param yuan for money assets the cost in yuan ({@code "1234.56"}), else null
   * @param budget the plan's budget for the asset (0 if none)
   * @param runsOutOn first day whose cumulative cost exceeds {@code budget}, or null
   */
  public record AssetCost(Asset asset, long grants, long units, String yuan, long budget,
      @JsonProperty("runs_out_on") LocalDate runsOutOn) {}

  /** @param units cost per asset that day (assets with no cost that day are absent) */
  public record DayCost(LocalDate day, Map<Asset, Long> units) {}
}
