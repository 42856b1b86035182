package dev.flywheel.event.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.flywheel.event.IngestionResult;
import dev.flywheel.platform.web.FieldIssue;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** One event's outcome as JSON; {@code index} only in batch answers. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
record ResultBody(Integer index, String eventId, String status, Long seq, Instant receivedAt, String code,
    List<FieldIssue> errors) {

  static ResultBody of(Integer index, IngestionResult result) {
    return switch (result) {
      case IngestionResult.Accepted a -> new ResultBody(index, a.eventId(), "accepted", a.seq(), a.receivedAt(), null, null);
      case IngestionResult.Duplicate d -> new ResultBody(index, d.eventId(), "duplicate", d.seq(), d.receivedAt(), null, null);
      case IngestionResult.Rejected r -> new ResultBody(index, r.eventId(), "rejected", null, null, r.code(),
          r.errors().stream().map(f -> inBatch(index, f)).toList());
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
