package dev.flywheel.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A funnel: ordered steps, a conversion window, the entry period and a breakdown.
 *
 * @param steps milestones in order: an event type ({@code registered}), a type with its key
 *     attribute ({@code risk_decision:passed}, {@code page_view:landing},
 *     {@code application_step:submit}, {@code funder_decision:approved}), or a second occurrence
 *     ({@code drawdown#2}); 1 to {@link #MAX_STEPS}
 * @param window how long after entering step 1 the later steps count
 * @param from entries from (inclusive); a customer enters at the first time ever they reached step 1
 * @param to entries until (exclusive)
 */
public record FunnelDefinition(List<String> steps, Duration window, Instant from, Instant to, Breakdown breakdown) {
  public static final int MAX_STEPS = 20;
  public static final String STEP_PATTERN = "[a-z][a-z0-9_]{0,63}(:[A-Za-z0-9_.-]{1,64})?(#2)?";

  /** The seed-002 loan funnel: acquired → registered → applied → risk passed → funder approved → drawdown → repaid → re-loan. */
  public static final List<String> LOAN_FUNNEL = List.of("page_view:landing", "registered", "application_step:submit",
      "risk_decision:passed", "funder_decision:approved", "drawdown", "repayment", "drawdown#2");
}
