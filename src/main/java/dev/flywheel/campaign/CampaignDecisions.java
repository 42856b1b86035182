package dev.flywheel.campaign;

import dev.flywheel.campaign.store.CampaignRow;
import dev.flywheel.campaign.store.CampaignStore;
import dev.flywheel.campaign.store.VersionRow;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * The checker's side and the console's switches: approve, reject, pause, resume. The approver of a
 * version is never the person who wrote or submitted it ({@code self-approval}). Callers hold the
 * transaction and have checked roles.
 */
@Component
class CampaignDecisions {
  private final CampaignStore store;
  private final CampaignRecords records;
  private final CampaignClock schedule;
  private final BudgetFunding funding;
  private final Clock clock;

  CampaignDecisions(CampaignStore store, CampaignRecords records, CampaignClock schedule, BudgetFunding funding,
      Clock clock) {
    this.store = store;
    this.records = records;
    this.schedule = schedule;
    this.funding = funding;
    this.clock = clock;
  }

  CampaignResult approve(CampaignRow row, String actor, String comment) {
    var refusal = checkable(row, actor);
    if (refusal != null) {
      return refusal;
    }
    int version = row.pendingVersion();
    CampaignPlan plan = records.plan(row.tenantId(), row.id(), version);
    CampaignPlan before = records.plan(row.tenantId(), row.id(), row.latestVersion());
    store.decided(row.tenantId(), row.id(), version, "APPROVED", actor, comment, clock.instant());
    if (row.activeVersion() != null) {
      store.superseded(row.tenantId(), row.id(), row.activeVersion());
    }
    String status = row.status().equals(CampaignStatus.PENDING_APPROVAL.name()) ? CampaignStatus.APPROVED.name()
        : row.status();
    CampaignRow after = row.with(status, row.latestVersion(), version, null)
        .withWindow(plan.name().strip(), plan.window().startsAt(), plan.window().endsAt());
    store.update(after, clock.instant());
    records.audit(row, before, after, before, "approved", actor, version, comment);
    funding.fundTo(row.tenantId(), row.id(), plan.budget(), actor);
    schedule.scheduleAfterCommit(after);
    schedule.step(after);
    return new CampaignResult.Done(records.view(store.find(row.tenantId(), row.id()).orElseThrow()));
  }

  CampaignResult reject(CampaignRow row, String actor, String comment) {
    var refusal = checkable(row, actor);
    if (refusal != null) {
      return refusal;
    }
    int version = row.pendingVersion();
    CampaignPlan plan = records.plan(row.tenantId(), row.id(), row.latestVersion());
    store.decided(row.tenantId(), row.id(), version, "REJECTED", actor, comment, clock.instant());
    String status = row.status().equals(CampaignStatus.PENDING_APPROVAL.name()) ? CampaignStatus.REJECTED.name()
        : row.status();
    CampaignRow after = row.with(status, row.latestVersion(), row.activeVersion(), null);
    store.update(after, clock.instant());
    records.audit(row, plan, after, plan, "rejected", actor, version, comment);
    return new CampaignResult.Done(records.view(store.find(row.tenantId(), row.id()).orElseThrow()));
  }

  private CampaignResult checkable(CampaignRow row, String actor) {
    if (row.status().equals(CampaignStatus.ENDED.name())) {
      return new CampaignResult.Refused("campaign-ended", "campaign " + row.id() + " has ended");
    }
    if (row.pendingVersion() == null) {
      return new CampaignResult.Refused("invalid-transition", "no version of campaign " + row.id() + " waits for approval");
    }
    VersionRow pending = store.version(row.tenantId(), row.id(), row.pendingVersion()).orElseThrow();
    if (actor.equals(pending.createdBy()) || actor.equals(pending.submittedBy())) {
      return new CampaignResult.Refused("self-approval", actor + " wrote or submitted version " + pending.version()
          + "; another approver decides");
    }
    return null;
  }

  CampaignResult pause(CampaignRow row, String actor, String comment) {
    return switchTo(row, CampaignStatus.RUNNING, CampaignStatus.PAUSED, "paused", actor, comment);
  }

  CampaignResult resume(CampaignRow row, String actor, String comment) {
    CampaignResult result = switchTo(row, CampaignStatus.PAUSED, CampaignStatus.RUNNING, "resumed", actor, comment);
    if (result instanceof CampaignResult.Done) {
      schedule.step(store.lock(row.tenantId(), row.id()).orElseThrow());
      return new CampaignResult.Done(records.view(store.find(row.tenantId(), row.id()).orElseThrow()));
    }
    return result;
  }

  private CampaignResult switchTo(CampaignRow row, CampaignStatus from, CampaignStatus to, String action, String actor,
      String comment) {
    if (row.status().equals(CampaignStatus.ENDED.name())) {
      return new CampaignResult.Refused("campaign-ended", "campaign " + row.id() + " has ended");
    }
    if (!row.status().equals(from.name())) {
      return new CampaignResult.Refused("invalid-transition", "only a " + from + " campaign can be " + action
          + "; this one is " + row.status());
    }
    CampaignPlan plan = records.plan(row.tenantId(), row.id(), row.latestVersion());
    CampaignRow after = row.with(to.name(), row.latestVersion(), row.activeVersion(), row.pendingVersion());
    store.update(after, clock.instant());
    records.audit(row, plan, after, plan, action, actor, row.activeVersion(), comment);
    return new CampaignResult.Done(records.view(store.find(row.tenantId(), row.id()).orElseThrow()));
  }
}
