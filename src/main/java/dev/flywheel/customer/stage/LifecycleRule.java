package dev.flywheel.customer.stage;

import dev.flywheel.customer.LifecycleSettings;
import dev.flywheel.customer.LifecycleStage;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The lifecycle stage of a customer at a moment (seed 003). Pure. The daily job runs the same
 * rule in SQL ({@link LifecycleJob}); keep the two in step.
 *
 * <p>Rule, first match wins, with {@code idle} = time since the last activity (or since
 * registration when there was none):
 *
 * <pre>
 * registered less than newDays ago                        NEW
 * idle more than dormantAfterDays                         DORMANT
 * idle more than activeWithinDays                         POTENTIALLY_DORMANT
 * fewer than retainMinActiveDays distinct active days     TO_BE_RETAINED
 * otherwise                                               ACTIVE
 * </pre>
 *
 * <p><b>Activity</b> is something the customer chose to do: {@code registered}, {@code app_login},
 * {@code application_step}, {@code drawdown}, {@code repayment}, {@code investment},
 * {@code redemption}, {@code share}, {@code page_view}, {@code message_click}. System verdicts and
 * obligations ({@code risk_decision}, {@code funder_decision}, {@code repayment_due},
 * {@code overdue}) and {@code investment_cancelled} are not.
 *
 * <p><b>Recall</b>: an activity that takes a POTENTIALLY_DORMANT or DORMANT customer out of those
 * stages is recorded as a recall.
 */
final class LifecycleRule {
  static final Set<String> ACTIVITY = Set.of("registered", "app_login", "application_step",
      "drawdown", "repayment", "investment", "redemption", "share", "page_view", "message_click");

  private LifecycleRule() {}

  static boolean isActivity(String eventType) {
    return ACTIVITY.contains(eventType);
  }

  static LifecycleStage stageAt(Instant now, Instant registeredAt, Instant lastActiveAt,
      int activeDays, LifecycleSettings settings) {
    if (registeredAt != null && registeredAt.isAfter(now.minus(Duration.ofDays(settings.newDays())))) {
      return LifecycleStage.NEW;
    }
    Instant basis = lastActiveAt != null ? lastActiveAt : registeredAt;
    if (basis == null || basis.isBefore(now.minus(Duration.ofDays(settings.dormantAfterDays())))) {
      return LifecycleStage.DORMANT;
    }
    if (basis.isBefore(now.minus(Duration.ofDays(settings.activeWithinDays())))) {
      return LifecycleStage.POTENTIALLY_DORMANT;
    }
    return activeDays < settings.retainMinActiveDays() ? LifecycleStage.TO_BE_RETAINED : LifecycleStage.ACTIVE;
  }
}
