package dev.flywheel.customer.stage;

import dev.flywheel.customer.LifecycleSettings;
import dev.flywheel.customer.LifecycleStage;
import dev.flywheel.customer.LifecycleStageChanged;
import dev.flywheel.customer.LoanStage;
import dev.flywheel.customer.LoanStageChanged;
import dev.flywheel.event.EventAccepted;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds one customer's events, in occurrence order, into its {@link StageState} and collects the
 * history rows and module events of every stage move. Pure apart from mutating the state.
 */
final class StageFold {
  final List<HistoryRow> history = new ArrayList<>();
  final List<Object> events = new ArrayList<>();
  private final Instant now;
  private final LifecycleSettings settings;

  StageFold(Instant now, LifecycleSettings settings) {
    this.now = now;
    this.settings = settings;
  }

  /** @param ordered this customer's events sorted by occurrence time (then sequence) */
  void apply(StageState s, List<EventAccepted> ordered) {
    for (EventAccepted e : ordered) {
      acquisition(s, e);
      LoanStage before = s.loanStage;
      LoanStage moved = LoanStageRule.apply(s, e);
      if (moved != null) {
        history.add(new HistoryRow(s.tenantId, s.customerId, "LOAN", before.name(), moved.name(),
            e.occurredAt(), e.type()));
        events.add(new LoanStageChanged(s.tenantId, s.customerId, before, moved, e.occurredAt(), e.type()));
      }
      lifecycle(s, e);
    }
  }

  private static void acquisition(StageState s, EventAccepted e) {
    if (s.acquiredAt == null) {
      s.acquiredAt = e.occurredAt();
    }
    if (s.acquisitionChannel == null && e.channel() != null) {
      s.acquisitionChannel = e.channel();
    }
    if (s.invitedBy == null && "registered".equals(e.type())
        && e.attributes().get("invited_by") instanceof String inviter && !inviter.isBlank()) {
      s.invitedBy = inviter;
    }
  }

  private void lifecycle(StageState s, EventAccepted e) {
    boolean activity = LifecycleRule.isActivity(e.type());
    if (activity) {
      if (s.lastActiveAt == null || e.occurredAt().isAfter(s.lastActiveAt)) {
        s.lastActiveAt = e.occurredAt();
      }
      LocalDate day = LocalDate.ofInstant(e.occurredAt(), ZoneOffset.UTC);
      if (s.lastActiveDay == null || day.isAfter(s.lastActiveDay)) {
        s.activeDays++;
        s.lastActiveDay = day;
      }
    }
    LifecycleStage before = s.lifecycleStage;
    LifecycleStage after = LifecycleRule.stageAt(now, s.registeredOrCreatedAt(), s.lastActiveAt,
        s.activeDays, settings);
    if (after == before) {
      return;
    }
    boolean recalled = activity && before.isDormantish() && !after.isDormantish();
    if (recalled) {
      s.recalledAt = e.occurredAt();
    }
    s.lifecycleStage = after;
    s.lifecycleStageAt = now;
    String cause = recalled ? "recalled:" + e.type() : e.type();
    history.add(new HistoryRow(s.tenantId, s.customerId, "LIFECYCLE", before.name(), after.name(), now, cause));
    events.add(new LifecycleStageChanged(s.tenantId, s.customerId, before, after, now, recalled, e.type()));
  }
}
