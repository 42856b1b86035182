package dev.flywheel.campaign;

import dev.flywheel.campaign.store.CampaignRow;
import dev.flywheel.campaign.store.CampaignStore;
import dev.flywheel.platform.web.FieldIssue;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The maker's side: create, edit, submit. Editing an approved campaign stores a new version: it
 * waits for approval when it touches what an approver signed off (see
 * {@link CampaignPlan#needsApprovalComparedTo}) while the active version keeps serving; otherwise it
 * becomes active at once. Callers hold the transaction.
 */
@Component
class CampaignEditing {
  private final CampaignStore store;
  private final PlanCheck check;
  private final PlanJson json;
  private final CampaignRecords records;
  private final Clock clock;

  CampaignEditing(CampaignStore store, PlanCheck check, PlanJson json, CampaignRecords records,
      Clock clock) {
    this.store = store;
    this.check = check;
    this.json = json;
    this.records = records;
    this.clock = clock;
  }

  CampaignResult create(long tenantId, CampaignPlan plan, String actor) {
    List<FieldIssue> issues = check.issues(tenantId, plan);
    if (!issues.isEmpty()) {
      return new CampaignResult.Invalid(issues);
    }
    store.lockTenantPlans(tenantId);
    var overlap = check.exclusiveOverlap(tenantId, -1, plan);
    if (overlap.isPresent()) {
      return new CampaignResult.Refused("exclusive-overlap", overlap.get());
    }
    long id = store.insert(tenantId, plan.name().strip(), actor, clock.instant());
    store.insertVersion(tenantId, id, 1, json.write(plan), "DRAFT", actor, clock.instant());
    CampaignRow row = store.find(tenantId, id).orElseThrow();
    records.audit(null, null, row, plan, "created", actor, 1, null);
    return new CampaignResult.Done(records.view(row));
  }

  CampaignResult update(CampaignRow row, CampaignPlan plan, String actor) {
    CampaignStatus status = CampaignStatus.valueOf(row.status());
    if (status == CampaignStatus.ENDED) {
      return new CampaignResult.Refused("campaign-ended", "campaign " + row.id() + " has ended and cannot change");
    }
    if (row.pendingVersion() != null) {
      return new CampaignResult.Refused("approval-pending", "version " + row.pendingVersion()
          + " waits for approval; edit again once it is approved or rejected");
    }
    List<FieldIssue> issues = check.issues(row.tenantId(), plan);
    if (!issues.isEmpty()) {
      return new CampaignResult.Invalid(issues);
    }
    store.lockTenantPlans(row.tenantId());
    var overlap = check.exclusiveOverlap(row.tenantId(), row.id(), plan);
    if (overlap.isPresent()) {
      return new CampaignResult.Refused("exclusive-overlap", overlap.get());
    }
    CampaignPlan before = records.plan(row.tenantId(), row.id(), row.latestVersion());
    String planJson = json.write(plan);
    CampaignRow after;
    if (status.isEditableDraft()) {
      boolean rejected = status == CampaignStatus.REJECTED;
      int version = rejected ? row.latestVersion() + 1 : row.latestVersion();
      if (rejected) {
        store.insertVersion(row.tenantId(), row.id(), version, planJson, "DRAFT", actor, clock.instant());
      } else {
        store.replacePlan(row.tenantId(), row.id(), version, planJson, actor, clock.instant());
      }
      after = row.with("DRAFT", version, null, null).withWindow(plan.name().strip(), null, null);
    } else {
      int version = row.latestVersion() + 1;
      CampaignPlan active = records.plan(row.tenantId(), row.id(), row.activeVersion());
      if (plan.needsApprovalComparedTo(active)) {
        store.insertVersion(row.tenantId(), row.id(), version, planJson, "PENDING", actor, clock.instant());
        after = row.with(row.status(), version, row.activeVersion(), version);
      } else {
        store.insertVersion(row.tenantId(), row.id(), version, planJson, "APPROVED", actor, clock.instant());
        store.superseded(row.tenantId(), row.id(), row.activeVersion());
        after = row.with(row.status(), version, version, null).withWindow(plan.name().strip(), row.startsAt(),
            row.endsAt());
      }
    }
    store.update(after, clock.instant());
    records.audit(row, before, after, plan, "updated", actor, after.latestVersion(), null);
    return new CampaignResult.Done(records.view(store.find(row.tenantId(), row.id()).orElseThrow()));
  }

  CampaignResult submit(CampaignRow row, String actor) {
    CampaignStatus status = CampaignStatus.valueOf(row.status());
    if (status == CampaignStatus.ENDED) {
      return new CampaignResult.Refused("campaign-ended", "campaign " + row.id() + " has ended");
    }
    if (!status.isEditableDraft()) {
      return new CampaignResult.Refused("invalid-transition", "only a draft or rejected campaign is submitted; this one is "
          + status + " (edits of an approved campaign are submitted when saved)");
    }
    CampaignPlan plan = records.plan(row.tenantId(), row.id(), row.latestVersion());
    List<FieldIssue> issues = check.issues(row.tenantId(), plan);
    if (!issues.isEmpty()) {
      return new CampaignResult.Invalid(issues);
    }
    int version = row.latestVersion();
    if (status == CampaignStatus.REJECTED) {
      version++;
      store.insertVersion(row.tenantId(), row.id(), version, json.write(plan), "PENDING", actor, clock.instant());
    } else {
      store.submitted(row.tenantId(), row.id(), version, actor, clock.instant());
    }
    CampaignRow after = row.with(CampaignStatus.PENDING_APPROVAL.name(), version, null, version);
    store.update(after, clock.instant());
    records.audit(row, plan, after, plan, "submitted", actor, version, null);
    return new CampaignResult.Done(records.view(store.find(row.tenantId(), row.id()).orElseThrow()));
  }

  static CampaignPlan fromTemplate(CampaignPlan plan, CampaignTemplates.Production.Produced produced) {
    var budget = new java.util.EnumMap<Asset, Long>(Asset.class);
    budget.putAll(produced.budget());
    budget.putAll(plan.budget());
    Caps caps = plan.caps().equals(Caps.NONE) && produced.caps() != null ? produced.caps() : plan.caps();
    return new CampaignPlan(plan.name(), plan.purpose(), plan.theme(), plan.window(), plan.content(), plan.process(),
        produced.rules(), budget, plan.owner(), plan.assignees(), plan.segmentId(), plan.channels(), plan.priority(),
        plan.exclusive(), caps);
  }
}
