package dev.flywheel.campaign;

import dev.flywheel.campaign.store.CampaignRow;
import dev.flywheel.campaign.store.CampaignStore;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The campaign module's API: plans with versions, maker-checker approval, the clock, and the
 * compiled programs of running campaigns for the evaluator.
 *
 * <p>Every change runs in its own transaction, locks the campaign row, is audited in that
 * transaction, and returns a {@link CampaignResult}; a refusal writes nothing. An unknown campaign
 * (or another tenant's) is a {@code not-found} {@link Problem}. Roles are the caller's business
 * (the console controller checks them); the maker-checker rule is enforced here. Thread-safe.
 */
@Service
public class Campaigns {
  private final CampaignStore store;
  private final CampaignEditing editing;
  private final CampaignDecisions decisions;
  private final CampaignClock campaignClock;
  private final CampaignRecords records;
  private final CampaignPrograms programs;
  private final CampaignTemplates templates;
  private final TransactionTemplate transactions;
  private final Clock clock;

  Campaigns(CampaignStore store, CampaignEditing editing, CampaignDecisions decisions, CampaignClock campaignClock,
      CampaignRecords records, CampaignPrograms programs, CampaignTemplates templates, TransactionTemplate transactions,
      Clock clock) {
    this.store = store;
    this.editing = editing;
    this.decisions = decisions;
    this.campaignClock = campaignClock;
    this.records = records;
    this.programs = programs;
    this.templates = templates;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** Creates a DRAFT (version 1) after checking the plan. */
  public CampaignResult create(long tenantId, CampaignPlan plan, String actor) {
    return inTransaction(tenantId, () -> editing.create(tenantId, plan, actor));
  }

  /** Creates a DRAFT whose rules (and implied caps/budget, unless the plan sets them) come from a template. */
  public CampaignResult createFromTemplate(long tenantId, String template, Map<String, Object> parameters,
      CampaignPlan plan, String actor) {
    return switch (templates.produce(template, parameters)) {
      case CampaignTemplates.Production.UnknownTemplate u -> new CampaignResult.Invalid(List.of(
          new FieldIssue("template", "unknown-template", "no template '" + u.key() + "'")));
      case CampaignTemplates.Production.Invalid i -> new CampaignResult.Invalid(i.issues());
      case CampaignTemplates.Production.Produced p -> create(tenantId, CampaignEditing.fromTemplate(plan, p), actor);
    };
  }

  /** Edits the plan; see {@link CampaignEditing} for versions of approved campaigns. */
  public CampaignResult update(long tenantId, long id, CampaignPlan plan, String actor) {
    return change(tenantId, id, row -> editing.update(row, plan, actor));
  }

  public CampaignResult submit(long tenantId, long id, String actor) {
    return change(tenantId, id, row -> editing.submit(row, actor));
  }

  /** Approves the pending version; the approver must not have written or submitted it. */
  public CampaignResult approve(long tenantId, long id, String approver, String comment) {
    return change(tenantId, id, row -> decisions.approve(row, approver, comment));
  }

  public CampaignResult reject(long tenantId, long id, String approver, String comment) {
    return change(tenantId, id, row -> decisions.reject(row, approver, comment));
  }

  public CampaignResult pause(long tenantId, long id, String actor, String comment) {
    return change(tenantId, id, row -> decisions.pause(row, actor, comment));
  }

  public CampaignResult resume(long tenantId, long id, String actor, String comment) {
    return change(tenantId, id, row -> decisions.resume(row, actor, comment));
  }

  public Optional<Campaign> find(long tenantId, long id) {
    return store.find(tenantId, id).map(records::view);
  }

  /** Newest first, at most {@code limit} (1-500); {@code status} null for all. */
  public List<Campaign> list(long tenantId, CampaignStatus status, int limit) {
    return store.list(tenantId, status == null ? null : status.name(), Math.clamp(limit, 1, 500)).stream()
        .map(records::view).toList();
  }

  public List<AuditEntry> audit(long tenantId, long id) {
    if (store.find(tenantId, id).isEmpty()) {
      throw Problem.notFound("campaign", String.valueOf(id));
    }
    return records.audit(tenantId, id);
  }

  public List<TemplateDescription> templates() {
    return templates.list();
  }

  /**
   * The running campaigns with a rule listening to {@code eventType}, highest priority first, each
   * with its approved version compiled (a pending change never serves). Cached; see
   * {@link CampaignPrograms}. What the evaluator calls for every event.
   */
  public List<ActiveCampaign> listeningTo(long tenantId, String eventType) {
    return programs.listeningTo(tenantId, eventType);
  }

  /**
   * Starts and ends every campaign whose time has come by the injected clock; returns how many
   * moved. The scheduler's tasks do this per campaign; tests call it after moving the clock.
   */
  public int advanceClock() {
    int moved = 0;
    for (long[] due : store.due(clock.instant())) {
      if (step(due[0], due[1])) {
        moved++;
      }
    }
    return moved;
  }

  /**
   * Pauses a RUNNING campaign because its budget ran out (audit actor {@code budget}); a no-op
   * for any other status or an unknown campaign. Runs in a new transaction of its own (it is
   * called after the exhausting grant committed).
   */
  void pauseForBudget(long tenantId, long id, String comment) {
    TransactionTemplate own = new TransactionTemplate(transactions.getTransactionManager());
    own.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    own.executeWithoutResult(tx -> store.lock(tenantId, id)
        .filter(row -> row.status().equals(CampaignStatus.RUNNING.name()))
        .ifPresent(row -> {
          decisions.pause(row, "budget", comment);
          CampaignRecords.afterCommit(() -> programs.invalidate(tenantId));
        }));
  }

  /** One campaign's clock step (what the start/end tasks run); true when its status changed. */
  public boolean step(long tenantId, long id) {
    Boolean moved = transactions.execute(tx -> store.lock(tenantId, id).map(row -> {
      campaignClock.step(row);
      boolean changed = !store.find(tenantId, id).orElseThrow().status().equals(row.status());
      if (changed) {
        CampaignRecords.afterCommit(() -> programs.invalidate(tenantId));
      }
      return changed;
    }).orElse(false));
    return Boolean.TRUE.equals(moved);
  }

  private CampaignResult change(long tenantId, long id, Function<CampaignRow, CampaignResult> action) {
    return inTransaction(tenantId, () -> action.apply(store.lock(tenantId, id)
        .orElseThrow(() -> Problem.notFound("campaign", String.valueOf(id)))));
  }

  private CampaignResult inTransaction(long tenantId, java.util.function.Supplier<CampaignResult> action) {
    return transactions.execute(tx -> {
      CampaignResult result = action.get();
      if (result instanceof CampaignResult.Done) {
        CampaignRecords.afterCommit(() -> programs.invalidate(tenantId));
      } else {
        tx.setRollbackOnly();
      }
      return result;
    });
  }
}
