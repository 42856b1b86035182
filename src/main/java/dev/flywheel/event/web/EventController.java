package dev.flywheel.event.web;

import dev.flywheel.event.EventEffects;
import dev.flywheel.event.IngestionResult;
import dev.flywheel.event.ingest.GroupCommitStage;
import dev.flywheel.event.ingest.IngestionProperties;
import dev.flywheel.event.ingest.Intake;
import dev.flywheel.event.ingest.Submission;
import dev.flywheel.platform.tenancy.CurrentTenant;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import java.util.stream.IntStream;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/events} and {@code /api/v1/events/batch}; codes in {@code docs/api/events.md}. */
@RestController
class EventController {
  private final Intake intake;
  private final GroupCommitStage groupCommit;
  private final CurrentTenant tenant;
  private final IngestionProperties properties;
  private final ObjectProvider<EventEffects> effects;

  EventController(Intake intake, GroupCommitStage groupCommit, CurrentTenant tenant, IngestionProperties properties,
      ObjectProvider<EventEffects> effects) {
    this.intake = intake;
    this.groupCommit = groupCommit;
    this.tenant = tenant;
    this.properties = properties;
    this.effects = effects;
  }

  /** The committed effects of the stored (accepted or duplicate) results, read once per request. */
  private Map<String, Map<String, Object>> effectsOf(List<IngestionResult> results) {
    EventEffects source = effects.getIfAvailable();
    List<String> ids = results.stream().filter(r -> !(r instanceof IngestionResult.Rejected))
        .map(IngestionResult::eventId).distinct().toList();
    return source == null || ids.isEmpty() ? Map.of() : source.effectsOf(tenant.id(), ids);
  }

  /**
   * 201 accepted, 200 duplicate (original seq and received_at, and the original's effects), 422
   * problem when rejected. Accepted and duplicate answers carry the committed {@code effects}.
   */
  @PostMapping("/api/v1/events")
  ResponseEntity<ResultBody> one(@RequestBody byte[] body) {
    Submission submission = EventJson.submission(EventJson.parse(body));
    // group commit: shares a transaction with concurrent single posts, answers after its commit
    // the group reads its events' effects in one statement after its commit
    GroupCommitStage.Answer answer = groupCommit.submitForEffects(tenant.id(), submission);
    IngestionResult result = answer.result();
    if (result instanceof IngestionResult.Rejected r) {
      throw Problem.invalid(r.code(), "The event was rejected", r.errors());
    }
    Map<String, Object> found = answer.effectsRead() ? answer.effects()
        : effectsOf(List.of(result)).get(result.eventId());
    return switch (result) {
      case IngestionResult.Accepted a -> ResponseEntity.status(HttpStatus.CREATED).body(ResultBody.of(null, a, found));
      case IngestionResult.Duplicate d -> ResponseEntity.ok(ResultBody.of(null, d, found));
      case IngestionResult.Rejected r -> throw Problem.invalid(r.code(), "The event was rejected", r.errors());
    };
  }

  /** 200 with one result per item, in order; valid items are stored together, invalid ones not at all. */
  @PostMapping("/api/v1/events/batch")
  BatchBody batch(@RequestBody byte[] body) {
    JsonNode events = EventJson.parse(body).get("events");
    if (events == null || !events.isArray()) {
      throw Problem.badRequest("invalid-batch", "Send {\"events\": [...]}",
          new FieldIssue("events", "wrong-field-type", "must be an array of events"));
    }
    if (events.size() > properties.maxBatchSize()) {
      throw Problem.invalid("batch-too-large", "At most " + properties.maxBatchSize() + " events per batch",
          List.of(new FieldIssue("events", "batch-too-large", "has " + events.size() + " items")));
    }
    List<Submission> submissions = new ArrayList<>(events.size());
    events.forEach(node -> submissions.add(EventJson.submission(node)));
    List<IngestionResult> results = intake.accept(tenant.id(), submissions);
    Map<String, Map<String, Object>> found = effectsOf(results);
    return BatchBody.of(IntStream.range(0, results.size())
        .mapToObj(i -> ResultBody.of(i, results.get(i), found.get(results.get(i).eventId()))).toList());
  }

  record BatchBody(int accepted, int duplicates, int rejected, List<ResultBody> results) {
    static BatchBody of(List<ResultBody> results) {
      return new BatchBody(count(results, "accepted"), count(results, "duplicate"), count(results, "rejected"), results);
    }

    private static int count(List<ResultBody> results, String status) {
      return (int) results.stream().filter(r -> r.status().equals(status)).count();
    }
  }
}
