package dev.flywheel.campaign;

import dev.flywheel.campaign.store.CampaignRow;
import dev.flywheel.campaign.store.CampaignStore;
import dev.flywheel.campaign.store.VersionRow;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Reads campaigns as API records and writes the audit trail: every change is recorded in the
 * transaction that makes it, with the campaign before and after. Thread-safe.
 */
@Component
class CampaignRecords {
  private final CampaignStore store;
  private final PlanJson json;
  private final Clock clock;

  CampaignRecords(CampaignStore store, PlanJson json, Clock clock) {
    this.store = store;
    this.json = json;
    this.clock = clock;
  }

  Campaign view(CampaignRow row) {
    List<CampaignVersion> versions = store.versions(row.tenantId(), row.id()).stream().map(this::version).toList();
    CampaignPlan latest = versions.stream().filter(v -> v.version() == row.latestVersion()).findFirst()
        .map(CampaignVersion::plan).orElse(null);
    return new Campaign(row.id(), row.name(), CampaignStatus.valueOf(row.status()), row.latestVersion(),
        row.activeVersion(), row.pendingVersion(), latest, row.createdBy(), row.createdAt(), row.updatedAt(), versions);
  }

  private CampaignVersion version(VersionRow v) {
    return new CampaignVersion(v.version(), v.state(), json.plan(v.planJson()), v.createdBy(), v.createdAt(),
        v.submittedBy(), v.submittedAt(), v.decidedBy(), v.decidedAt(), v.decisionComment());
  }

  CampaignPlan plan(long tenantId, long id, int version) {
    return store.version(tenantId, id, version).map(v -> json.plan(v.planJson())).orElseThrow();
  }

  /** Records one change; {@code before} null for a creation. */
  void audit(CampaignRow before, CampaignPlan planBefore, CampaignRow after, CampaignPlan planAfter, String action,
      String actor, Integer version, String comment) {
    store.audit(after.tenantId(), after.id(), clock.instant(), actor, action, version, comment,
        before == null ? null : json.write(snapshot(before, planBefore)), json.write(snapshot(after, planAfter)));
  }

  private static Map<String, Object> snapshot(CampaignRow row, CampaignPlan plan) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("status", row.status());
    s.put("latest_version", row.latestVersion());
    s.put("active_version", row.activeVersion());
    s.put("pending_version", row.pendingVersion());
    s.put("plan", plan);
    return s;
  }

  List<AuditEntry> audit(long tenantId, long id) {
    return store.audit(tenantId, id).stream().map(a -> new AuditEntry(a.at(), a.actor(), a.action(), a.version(),
        a.comment(), json.map(a.before()), json.map(a.after()))).toList();
  }

  /** Runs {@code action} after the current transaction commits (at once without one). */
  static void afterCommit(Runnable action) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      action.run();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        action.run();
      }
    });
  }
}
