package dev.flywheel.event;

import dev.flywheel.platform.web.FieldIssue;
import java.time.Instant;
import java.util.List;

/** What became of one submitted event. A rejection is a value, not an exception. */
public sealed interface IngestionResult {

  String eventId();

  /** Stored now, and {@link EventAccepted} published in the same transaction. */
  record Accepted(String eventId, long seq, Instant receivedAt) implements IngestionResult {}

  /** Already stored earlier (or earlier in the same batch); {@code seq}/{@code receivedAt} are the original's. */
  record Duplicate(String eventId, long seq, Instant receivedAt) implements IngestionResult {}

  /**
   * Not stored. {@code code} is the issues' code when they all share one, else {@code invalid-event}.
   *
   * @param errors every field at fault, paths relative to the event ({@code attributes.amount})
   */
  record Rejected(String eventId, String code, List<FieldIssue> errors) implements IngestionResult {
    public Rejected {
      errors = List.copyOf(errors);
    }

    public static Rejected of(String eventId, List<FieldIssue> errors) {
      long codes = errors.stream().map(FieldIssue::code).distinct().count();
      return new Rejected(eventId, codes == 1 ? errors.getFirst().code() : "invalid-event", errors);
    }
  }
}
