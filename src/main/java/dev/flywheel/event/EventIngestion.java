package dev.flywheel.event;

import dev.flywheel.event.ingest.GroupCommitStage;
import dev.flywheel.event.ingest.Intake;
import dev.flywheel.event.ingest.IngestionProperties;
import dev.flywheel.event.ingest.Submission;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Takes events in, for the HTTP API, the simulator and benchmarks alike.
 *
 * <p>Contract: idempotent by {@code (tenant, event_id)} — an event id is stored once, also under
 * concurrent replays; a replay answers {@link IngestionResult.Duplicate} with the original
 * {@code seq} and {@code receivedAt} and publishes nothing. Transactional: valid events are
 * stored, and {@link EventAccepted} published to synchronous listeners, in one transaction (the
 * caller's, if it has one); invalid events are answered {@link IngestionResult.Rejected} and leave
 * no trace. Thread-safe.
 */
@Service
public class EventIngestion {
  private final Intake intake;
  private final GroupCommitStage groupCommit;
  private final IngestionProperties properties;

  EventIngestion(Intake intake, GroupCommitStage groupCommit, IngestionProperties properties) {
    this.intake = intake;
    this.groupCommit = groupCommit;
    this.properties = properties;
  }

  /**
   * One event. Outside a transaction, concurrent calls share group transactions
   * ({@code flywheel.events.group-commit.*}, see {@link GroupCommitStage}); either way this
   * returns only after the event (and its effects) committed. Inside the caller's transaction it
   * joins that one.
   */
  public IngestionResult ingest(long tenantId, IncomingEvent event) {
    return groupCommit.submit(tenantId, Submission.of(event));
  }

  /** Group-commit counters (groups, events, per-event retries), for benchmarks and operations. */
  public GroupCommitStage.Stats groupCommitStats() {
    return groupCommit.stats();
  }

  /**
   * @param events at most {@link #maxBatchSize()}
   * @return one result per event, in the same order
   * @throws IllegalArgumentException when the batch is too large (nothing is stored)
   */
  public List<IngestionResult> ingestBatch(long tenantId, List<IncomingEvent> events) {
    if (events.size() > properties.maxBatchSize()) {
      throw new IllegalArgumentException("at most " + properties.maxBatchSize() + " events per batch");
    }
    return intake.accept(tenantId, events.stream().map(Submission::of).toList());
  }

  public int maxBatchSize() {
    return properties.maxBatchSize();
  }
}
