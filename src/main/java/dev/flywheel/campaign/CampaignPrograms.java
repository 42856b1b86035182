package dev.flywheel.campaign;

import dev.flywheel.campaign.store.CampaignStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The compiled programs of running campaigns, cached by (campaign, version), and per tenant an
 * index from trigger event type to the campaigns listening to it (highest priority first).
 *
 * <p>A tenant's index is rebuilt after a local change commits ({@link #invalidate}) and, for
 * changes made on another node, when the tenant's campaign generation (a sum of row revisions)
 * moved; the generation is read at most once per {@link #RECHECK_NANOS}. Compiling happens only
 * for (campaign, version) pairs not compiled before. Thread-safe; lookups never lock.
 */
@Component
class CampaignPrograms {
  static final long RECHECK_NANOS = 1_000_000_000L;
  private final CampaignStore store;
  private final PlanJson json;
  private final RuleCompiler compiler;
  private final Map<String, ActiveCampaign> compiled = new ConcurrentHashMap<>();
  private final Map<Long, TenantIndex> indexes = new ConcurrentHashMap<>();

  record TenantIndex(long generation, long checkedAt, Map<String, List<ActiveCampaign>> byTrigger) {}

  CampaignPrograms(CampaignStore store, PlanJson json, RuleCompiler compiler) {
    this.store = store;
    this.json = json;
    this.compiler = compiler;
  }

  List<ActiveCampaign> listeningTo(long tenantId, String eventType) {
    TenantIndex index = indexes.get(tenantId);
    long now = System.nanoTime();
    if (index == null || now - index.checkedAt() > RECHECK_NANOS) {
      long generation = store.generation(tenantId);
      index = index != null && index.generation() == generation
          ? new TenantIndex(generation, now, index.byTrigger()) : build(tenantId, generation, now);
      indexes.put(tenantId, index);
    }
    return index.byTrigger().getOrDefault(eventType, List.of());
  }

  void invalidate(long tenantId) {
    indexes.remove(tenantId);
  }

  private TenantIndex build(long tenantId, long generation, long now) {
    Map<String, List<ActiveCampaign>> byTrigger = new HashMap<>();
    for (var running : store.running(tenantId)) {
      ActiveCampaign campaign = compiled.computeIfAbsent(tenantId + "/" + running.campaignId() + "/" + running.version(),
          k -> compile(tenantId, running));
      campaign.rules().stream().map(RuleProgram::trigger).distinct()
          .forEach(t -> byTrigger.computeIfAbsent(t, x -> new ArrayList<>()).add(campaign));
    }
    byTrigger.values().forEach(list -> list.sort(Comparator.comparingInt(ActiveCampaign::priority).reversed()
        .thenComparingLong(ActiveCampaign::campaignId)));
    Map<String, List<ActiveCampaign>> frozen = new HashMap<>();
    byTrigger.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    return new TenantIndex(generation, now, Map.copyOf(frozen));
  }

  private ActiveCampaign compile(long tenantId, CampaignStore.ActivePlan running) {
    CampaignPlan plan = json.plan(running.planJson());
    // event types are immutable and were checked when the version was saved
    var result = compiler.compile(plan.rules(), type -> true);
    if (!(result instanceof RuleCompiler.Result.Compiled c)) {
      throw new IllegalStateException("approved version " + running.version() + " of campaign "
          + running.campaignId() + " no longer compiles: " + result);
    }
    return new ActiveCampaign(tenantId, running.campaignId(), running.version(), plan.name(), plan.priority(),
        plan.exclusive(), plan.window(), plan.segmentId(), plan.caps(), plan.budget(), c.programs());
  }

  /** Compiled entries held (for tests: proves versions are compiled once). */
  int compiledCount() {
    return compiled.size();
  }
}
