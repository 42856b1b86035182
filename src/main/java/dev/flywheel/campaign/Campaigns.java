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
  private final PlanCheck planCheck;
  private final CampaignDryRun dryRuns;
  private final CampaignFigures figures;

  Campaigns(CampaignStore store, CampaignEditing editing, CampaignDecisions decisions, CampaignClock campaignClock,
      CampaignRecords records, CampaignPrograms programs, CampaignTemplates templates, TransactionTemplate transactions,
      Clock clock, PlanCheck planCheck, CampaignDryRun dryRuns, CampaignFigures figures) {
    this.planCheck = planCheck;
    this.dryRuns = dryRuns;
    this.figures = figures;
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

  /**
   * Would {@link #update} accept {@code plan} for this campaign? The same checks — fields,
   * window, channels, audience, caps, rules compiled and type-checked (compile errors read back
   * with {@link RuleIssue#of}), budget per granted asset, exclusive overlap, and the campaign's
   * state ({@code campaign-ended}, {@code approval-pending} on field {@code status}) — without
   * writing anything or taking a lock (the overlap answer may thus be stale by the time of a
   * real update, which checks again under the lock). Empty when the update would be accepted.
   *
   * @throws Problem {@code not-found} for an unknown campaign (or another tenant's)
   */
  public List<FieldIssue> check(long tenantId, long campaignId, CampaignPlan plan) {
    CampaignRow row = store.find(tenantId, campaignId)
        .orElseThrow(() -> Problem.notFound("campaign", String.valueOf(campaignId)));
    if (CampaignStatus.valueOf(row.status()) == CampaignStatus.ENDED) {
      return List.of(new FieldIssue("status", "campaign-ended", "campaign " + campaignId + " has ended and cannot change"));
    }
    if (row.pendingVersion() != null) {
      return List.of(new FieldIssue("status", "approval-pending", "version " + row.pendingVersion()
          + " waits for approval; edit again once it is approved or rejected"));
    }
    List<FieldIssue> issues = planCheck.issues(tenantId, plan);
    if (!issues.isEmpty()) {
      return issues;
    }
    return planCheck.exclusiveOverlap(tenantId, campaignId, plan)
        .map(detail -> List.of(new FieldIssue("exclusive", "exclusive-overlap", detail))).orElse(List.of());
  }

  /**
   * Runs the campaign's newest plan (a draft, or the version waiting for approval) over the stored
   * events of {@code [from, to)} as if it had run then, and reports what it would have granted and
   * cost; writes nothing. See {@link DryRunReport} for the semantics.
   *
   * @throws Problem {@code not-found}; {@code invalid-window} (422) unless {@code from < to <= now}
   *     and the window is at most {@link CampaignDryRun#MAX_DAYS} days
   */
  public DryRunReport dryRun(long tenantId, long campaignId, java.time.Instant from, java.time.Instant to) {
    Campaign campaign = find(tenantId, campaignId)
        .orElseThrow(() -> Problem.notFound("campaign", String.valueOf(campaignId)));
    return dryRuns.run(tenantId, campaign, from, to);
  }

  /**
   * What a campaign granted per day (in the tenant's zone) and asset, from its committed
   * decisions, {@code [from, to)}, plus distinct recipients per day and over the period. For the
   * campaign page's live figures. Read-only.
   */
  public LiveFigures liveFigures(long tenantId, long campaignId, java.time.Instant from, java.time.Instant to) {
    return figures.of(tenantId, campaignId, from, to);
  }

  /**
   * Who a campaign met in {@code [from, to)}, from its committed decisions: customers in its
   * audience whose events it evaluated inside its window, and the customers it granted something.
   * For the campaign review's links and its new-vs-existing split. Read-only.
   */
  public CampaignPeople people(long tenantId, long campaignId, java.time.Instant from, java.time.Instant to) {
    return figures.people(tenantId, campaignId, from, to);
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
