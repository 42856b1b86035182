package dev.flywheel.journey;

import dev.flywheel.journey.definition.DefinitionCheck;
import dev.flywheel.journey.report.ReportQuery;
import dev.flywheel.journey.report.WeeklyReach;
import dev.flywheel.journey.run.Engine;
import dev.flywheel.journey.run.Sweeps;
import dev.flywheel.journey.store.JourneyIndex;
import dev.flywheel.journey.store.JourneyJson;
import dev.flywheel.journey.store.JourneyRow;
import dev.flywheel.journey.store.JourneyStore;
import dev.flywheel.journey.template.JourneyTemplates;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The journey module's API: drafts, publishing versions, pausing, built-in templates, reports,
 * and the clock-driven work ({@link #runDue}). Every method is scoped by tenant; another
 * tenant's journey is not found. Thread-safe.
 */
@Service
public class Journeys {
  private final JourneyStore store;
  private final JourneyJson json;
  private final JourneyIndex index;
  private final DefinitionCheck check;
  private final JourneyTemplates templates;
  private final Engine engine;
  private final Sweeps sweeps;
  private final ReportQuery reports;
  private final WeeklyReach weekly;
  private final TransactionTemplate transactions;
  private final Clock clock;

  Journeys(JourneyStore store, JourneyJson json, JourneyIndex index, DefinitionCheck check, JourneyTemplates templates,
      Engine engine, Sweeps sweeps, ReportQuery reports, WeeklyReach weekly, TransactionTemplate transactions, Clock clock) {
    this.weekly = weekly;
    this.store = store;
    this.json = json;
    this.index = index;
    this.check = check;
    this.templates = templates;
    this.engine = engine;
    this.sweeps = sweeps;
    this.reports = reports;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** Saves a new draft; nothing is saved unless the definition passes every check. */
  public JourneyResult create(long tenantId, JourneyDefinition draft, String actor) {
    return create(tenantId, draft, null, actor);
  }

  /**
   * A draft from a built-in template's parameters (missing ones take the template's defaults).
   *
   * @throws Problem {@code unknown-template} (422) for a template that does not exist
   */
  public JourneyResult createFromTemplate(long tenantId, String template, Map<String, Object> parameters,
      String actor) {
    JourneyDefinition draft = templates.build(template, parameters == null ? Map.of() : parameters);
    return create(tenantId, draft, template, actor);
  }

  private JourneyResult create(long tenantId, JourneyDefinition draft, String template, String actor) {
    List<FieldIssue> issues = check.issues(tenantId, draft, template == null);
    if (!issues.isEmpty()) {
      return new JourneyResult.Invalid(issues);
    }
    long id = store.insert(tenantId, draft, template, actor, clock.instant());
    return new JourneyResult.Done(view(store.find(tenantId, id).orElseThrow()));
  }

  /** Replaces the draft; published versions and runs in flight are untouched. */
  public JourneyResult update(long tenantId, long id, JourneyDefinition draft) {
    List<FieldIssue> issues = check.issues(tenantId, draft);
    if (!issues.isEmpty()) {
      return new JourneyResult.Invalid(issues);
    }
    return change(tenantId, id, row -> {
      store.updateDraft(tenantId, id, draft, clock.instant());
      return null;
    });
  }

  /**
   * Publishes the draft as the next version: new entries go to it, customers in flight finish on
   * theirs. Activates a draft or paused journey.
   */
  public JourneyResult publish(long tenantId, long id, String actor) {
    return change(tenantId, id, row -> {
      JourneyDefinition draft = json.definition(row.draft());
      List<FieldIssue> issues = check.issues(tenantId, draft);
      if (!issues.isEmpty()) {
        return new JourneyResult.Invalid(issues);
      }
      Instant now = clock.instant();
      int version = store.publish(tenantId, id, draft, actor, now);
      store.setStatus(tenantId, id, JourneyStatus.ACTIVE.name(), version, now);
      return null;
    });
  }

  /** Stops entries and steps; runs resume where they were on {@link #resume}. */
  public JourneyResult pause(long tenantId, long id) {
    return change(tenantId, id, row -> {
      if (!JourneyStatus.ACTIVE.name().equals(row.status())) {
        return new JourneyResult.Refused("not-active", "only an active journey can be paused");
      }
      store.setStatus(tenantId, id, JourneyStatus.PAUSED.name(), row.activeVersion(), clock.instant());
      return null;
    });
  }

  public JourneyResult resume(long tenantId, long id) {
    return change(tenantId, id, row -> {
      if (!JourneyStatus.PAUSED.name().equals(row.status())) {
        return new JourneyResult.Refused("not-paused", "only a paused journey can be resumed");
      }
      store.setStatus(tenantId, id, JourneyStatus.ACTIVE.name(), row.activeVersion(), clock.instant());
      return null;
    });
  }

  public Optional<Journey> find(long tenantId, long id) {
    return store.find(tenantId, id).map(this::view);
  }

  public List<Journey> list(long tenantId) {
    return store.list(tenantId).stream().map(this::view).toList();
  }

  public List<JourneyTemplate> templates() {
    return templates.list();
  }

  /** @throws Problem {@code not-found} */
  public JourneyReport report(long tenantId, long id) {
    Journey journey = find(tenantId, id).orElseThrow(() -> Problem.notFound("journey", String.valueOf(id)));
    return reports.report(tenantId, journey);
  }

  /**
   * The journey's messages per ISO week (in {@code zone}), version, step and copy variant: planned,
   * sent, delivered (reached), opened, clicked and converted. For the weekly reach review.
   *
   * @throws Problem {@code not-found}
   */
  public List<JourneyWeek> weeklyReach(long tenantId, long id, java.time.ZoneId zone) {
    find(tenantId, id).orElseThrow(() -> Problem.notFound("journey", String.valueOf(id)));
    return weekly.of(tenantId, id, zone);
  }

  /**
   * Runs every step due by the injected clock (each in its own transaction) and the segment and
   * schedule triggers; returns how many steps ran. The scheduler's tasks do this in production;
   * tests call it after moving the clock.
   */
  public int runDue() {
    sweeps.run();
    return engine.runDue(clock.instant(), 1_000_000);
  }

  private JourneyResult change(long tenantId, long id, Function<JourneyRow, JourneyResult> action) {
    JourneyResult result = transactions.execute(tx -> {
      JourneyRow row = store.lock(tenantId, id).orElseThrow(() -> Problem.notFound("journey", String.valueOf(id)));
      JourneyResult refusal = action.apply(row);
      if (refusal != null) {
        tx.setRollbackOnly();
        return refusal;
      }
      return new JourneyResult.Done(view(store.find(tenantId, id).orElseThrow()));
    });
    index.invalidate(tenantId);
    return result;
  }

  private Journey view(JourneyRow row) {
    return new Journey(row.id(), row.name(), row.template(), JourneyStatus.valueOf(row.status()),
        json.definition(row.draft()), row.activeVersion(), store.versions(row.tenantId(), row.id()),
        row.createdBy(), row.createdAt(), row.updatedAt());
  }
}
