package dev.flywheel.event.ingest;

import dev.flywheel.event.EventEffects;
import dev.flywheel.event.IngestionResult;
import dev.flywheel.platform.batch.GroupCommit;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for single-event ingestions. A caller's event joins a queue; a worker takes
 * whatever is waiting (up to {@code max-size}, optionally waiting {@code max-wait} for more) and
 * runs it as one transaction: {@link Intake#accept} per tenant of the group, so the group's
 * campaign grants go to the ledger together ({@code Ledger.grantAll}), and one commit covers
 * them all. Each caller is answered with its own result only after that transaction committed,
 * so "the effects commit with the event" and "nothing is acknowledged before the commit" hold as
 * for a transaction of its own. Repeats of an event id inside one group are answered like
 * sequential repeats (the first is accepted, the others are duplicates of it).
 *
 * <p>When the group transaction fails (a database error, a deadlock), every event of the group is
 * retried in a transaction of its own, so one bad event fails only its own caller; idempotency
 * keys make the retry safe. A caller already inside a transaction joins it instead (no queue).
 * With two workers, one group's commit overlaps the next group's work. The queue, workers and
 * fallback are the platform's {@link GroupCommit}; this stage adds the per-tenant grouping and, on
 * shutdown, refuses what is still queued. Thread-safe.
 *
 * <p>A caller that answers with the event's effects ({@code POST /api/v1/events}) gets them read
 * by the group: one {@link EventEffects} read per tenant of the group right after its commit,
 * instead of one read per request. If that read fails, the answers say so and each caller reads
 * its own (the events are committed either way).
 */
@Component
public class GroupCommitStage {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(GroupCommitStage.class);
  private final Intake intake;
  private final ObjectProvider<EventEffects> effects;
  private final TransactionTemplate transactions;
  private final GroupCommit<Pending, Answer> groupCommit;

  GroupCommitStage(Intake intake, ObjectProvider<EventEffects> effects, IngestionProperties properties,
      PlatformTransactionManager transactionManager) {
    this.intake = intake;
    this.effects = effects;
    IngestionProperties.GroupCommit settings = properties.groupCommit();
    this.transactions = new TransactionTemplate(transactionManager);
    this.groupCommit = settings.enabled()
        ? new GroupCommit<>("event-group-commit",
            new GroupCommit.Limits(settings.maxSize(), settings.maxWait(), settings.workers()),
            group -> withEffects(group, transactions.execute(status -> acceptAll(group))),
            p -> answer(p, intake.accept(p.tenantId(), List.of(p.submission())).getFirst()),
            "it may be stored: retry with the same event id")
        : null;
  }

  private record Pending(long tenantId, Submission submission, boolean withEffects) {}

  /**
   * An ingestion's result and, when asked for and {@code effectsRead}, the committed effects of
   * its stored (accepted or duplicate) event (null = none recorded). {@code effectsRead} false =
   * not asked for, or the group's read failed: read them with {@link EventEffects}.
   */
  public record Answer(IngestionResult result, boolean effectsRead, Map<String, Object> effects) {}

  /** Ingests one event, in a group transaction when enabled; returns after its commit. */
  public IngestionResult submit(long tenantId, Submission submission) {
    return submit(new Pending(tenantId, submission, false)).result();
  }

  /** {@link #submit} answering with the event's committed effects as well (see {@link EventEffects}). */
  public Answer submitForEffects(long tenantId, Submission submission) {
    return submit(new Pending(tenantId, submission, true));
  }

  private Answer submit(Pending pending) {
    if (groupCommit == null || TransactionSynchronizationManager.isActualTransactionActive()) {
      return answer(pending, intake.accept(pending.tenantId(), List.of(pending.submission())).getFirst());
    }
    return groupCommit.submit(pending);
  }

  /** One event's answer, its effects read on their own (outside a group). */
  private Answer answer(Pending pending, IngestionResult result) {
    return pending.withEffects()
        ? new Answer(result, true, effectsOf(pending.tenantId(), List.of(result)).get(result.eventId()))
        : new Answer(result, false, null);
  }

  /** The effects of the stored (not rejected) results, one read. */
  private Map<String, Map<String, Object>> effectsOf(long tenantId, List<IngestionResult> results) {
    EventEffects source = effects.getIfAvailable();
    List<String> ids = results.stream().filter(r -> !(r instanceof IngestionResult.Rejected))
        .map(IngestionResult::eventId).distinct().toList();
    return source == null || ids.isEmpty() ? new HashMap<>() : source.effectsOf(tenantId, ids);
  }

  /** Groups run, events they carried, and groups that failed and were retried event by event. */
  public Stats stats() {
    GroupCommit.Stats s = groupCommit != null ? groupCommit.stats() : new GroupCommit.Stats(0, 0, 0);
    return new Stats(s.groups(), s.requests(), s.fallbacks());
  }

  public record Stats(long groups, long events, long fallbacks) {}

  /** One {@link Intake#accept} per tenant, in the transaction; results in group order. */
  private List<IngestionResult> acceptAll(List<Pending> group) {
    Map<Long, List<Integer>> byTenant = byTenant(group);
    IngestionResult[] results = new IngestionResult[group.size()];
    byTenant.forEach((tenant, indexes) -> {
      List<IngestionResult> accepted = intake.accept(tenant,
          indexes.stream().map(i -> group.get(i).submission()).toList());
      for (int k = 0; k < indexes.size(); k++) {
        results[indexes.get(k)] = accepted.get(k);
      }
    });
    return List.of(results);
  }

  /** After the group's commit: one effects read per tenant for the callers that asked for them. */
  private List<Answer> withEffects(List<Pending> group, List<IngestionResult> results) {
    Answer[] answers = new Answer[group.size()];
    byTenant(group).forEach((tenant, indexes) -> {
      List<IngestionResult> wanted = indexes.stream().filter(i -> group.get(i).withEffects()).map(results::get).toList();
      Map<String, Map<String, Object>> found;
      try {
        found = wanted.isEmpty() ? Map.of() : effectsOf(tenant, wanted);
      } catch (RuntimeException readFailed) { // the events are committed: each caller reads its own
        log.warn("reading the effects of a committed event group failed; each post reads its own", readFailed);
        found = null;
      }
      for (int i : indexes) {
        IngestionResult result = results.get(i);
        boolean read = group.get(i).withEffects() && found != null;
        answers[i] = new Answer(result, read, read ? found.get(result.eventId()) : null);
      }
    });
    return List.of(answers);
  }

  private static Map<Long, List<Integer>> byTenant(List<Pending> group) {
    Map<Long, List<Integer>> byTenant = new LinkedHashMap<>();
    for (int i = 0; i < group.size(); i++) {
      byTenant.computeIfAbsent(group.get(i).tenantId(), t -> new ArrayList<>()).add(i);
    }
    return byTenant;
  }

  @PreDestroy
  void stop() throws InterruptedException {
    if (groupCommit != null) {
      groupCommit.stopRefusing(Duration.ofSeconds(5),
          () -> new IllegalStateException("shutting down: the event was not stored"));
    }
  }
}
