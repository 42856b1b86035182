package dev.flywheel.event.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.flywheel.event.IngestionResult;
import dev.flywheel.platform.web.FieldIssue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One event's outcome as JSON; {@code index} only in batch answers; {@code effects} (from
 * {@link dev.flywheel.event.EventEffects}) only for accepted and duplicate events.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
record ResultBody(Integer index, String eventId, String status, Long seq, Instant receivedAt, String code,
    List<FieldIssue> errors, Map<String, Object> effects) {

  static ResultBody of(Integer index, IngestionResult result) {
    return of(index, result, null);
  }

  static ResultBody of(Integer index, IngestionResult result, Map<String, Object> effects) {
    return switch (result) {
      case IngestionResult.Accepted a -> new ResultBody(index, a.eventId(), "accepted", a.seq(), a.receivedAt(), null,
          null, effects);
      case IngestionResult.Duplicate d -> new ResultBody(index, d.eventId(), "duplicate", d.seq(), d.receivedAt(), null,
          null, effects);
      case IngestionResult.Rejected r -> new ResultBody(index, r.eventId(), "rejected", null, null, r.code(),
          r.errors().stream().map(f -> inBatch(index, f)).toList(), null);
    };
  }

  private static FieldIssue inBatch(Integer index, FieldIssue issue) {
    if (index == null) {
      return issue;
    }
    return issue.field().isEmpty() ? new FieldIssue("events[" + index + "]", issue.code(), issue.message())
        : issue.prefixed("events[" + index + "].");
  }
}
