package dev.flywheel.event.ingest;

import dev.flywheel.event.IngestionResult;
import dev.flywheel.platform.batch.GroupCommit;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 */
@Component
public class GroupCommitStage {
  private final Intake intake;
  private final TransactionTemplate transactions;
  private final GroupCommit<Pending, IngestionResult> groupCommit;

  GroupCommitStage(Intake intake, IngestionProperties properties, PlatformTransactionManager transactionManager) {
    this.intake = intake;
    IngestionProperties.GroupCommit settings = properties.groupCommit();
    this.transactions = new TransactionTemplate(transactionManager);
    this.groupCommit = settings.enabled()
        ? new GroupCommit<>("event-group-commit",
            new GroupCommit.Limits(settings.maxSize(), settings.maxWait(), settings.workers()),
            group -> transactions.execute(status -> acceptAll(group)),
            p -> intake.accept(p.tenantId(), List.of(p.submission())).getFirst(),
            "it may be stored: retry with the same event id")
        : null;
  }

  private record Pending(long tenantId, Submission submission) {}

  /** Ingests one event, in a group transaction when enabled; returns after its commit. */
  public IngestionResult submit(long tenantId, Submission submission) {
    if (groupCommit == null || TransactionSynchronizationManager.isActualTransactionActive()) {
      return intake.accept(tenantId, List.of(submission)).getFirst();
    }
    return groupCommit.submit(new Pending(tenantId, submission));
  }

  /** Groups run, events they carried, and groups that failed and were retried event by event. */
  public Stats stats() {
    GroupCommit.Stats s = groupCommit != null ? groupCommit.stats() : new GroupCommit.Stats(0, 0, 0);
    return new Stats(s.groups(), s.requests(), s.fallbacks());
  }

  public record Stats(long groups, long events, long fallbacks) {}

  /** One {@link Intake#accept} per tenant, in the transaction; results in group order. */
  private List<IngestionResult> acceptAll(List<Pending> group) {
    Map<Long, List<Integer>> byTenant = new LinkedHashMap<>();
    for (int i = 0; i < group.size(); i++) {
      byTenant.computeIfAbsent(group.get(i).tenantId(), t -> new ArrayList<>()).add(i);
    }
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

  @PreDestroy
  void stop() throws InterruptedException {
    if (groupCommit != null) {
      groupCommit.stopRefusing(Duration.ofSeconds(5),
          () -> new IllegalStateException("shutting down: the event was not stored"));
    }
  }
}
