package dev.flywheel.event.ingest;

import dev.flywheel.event.EventType;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.event.types.AttributeCheck;
import dev.flywheel.platform.web.FieldIssue;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Validates one event in memory against its type's schema and the clock. Not thread-safe: one
 * per batch, because it memoises type lookups.
 */
final class EventCheck {
  static final Pattern CUSTOMER_ID = Pattern.compile("^[A-Za-z0-9._:@-]{1,64}$");
  static final int MAX_EVENT_ID = 128;
  static final int MAX_ATTRIBUTION = 128;

  private final Function<String, Optional<EventType>> types;
  private final Map<String, Optional<EventType>> seen = new java.util.HashMap<>();
  private final Instant latestAllowed;

  EventCheck(Function<String, Optional<EventType>> types, Instant now, java.time.Duration maxFutureSkew) {
    this.types = types;
    this.latestAllowed = now.plus(maxFutureSkew);
  }

  /** @return the valid event, or empty with the issues added to {@code issues} */
  Optional<ValidEvent> check(Submission submission, List<FieldIssue> issues) {
    IncomingEvent e = submission.event();
    issues.addAll(submission.readIssues());
    Set<String> alreadyWrong = new HashSet<>();
    submission.readIssues().forEach(i -> alreadyWrong.add(i.field()));

    if (e.eventId() == null || e.eventId().isBlank()) {
      addUnless(alreadyWrong, issues, new FieldIssue("event_id", "missing-field", "is required"));
    } else if (e.eventId().length() > MAX_EVENT_ID) {
      issues.add(new FieldIssue("event_id", "invalid-event-id", "must be at most " + MAX_EVENT_ID + " characters"));
    }
    if (e.customerId() == null || !CUSTOMER_ID.matcher(e.customerId()).matches()) {
      addUnless(alreadyWrong, issues, new FieldIssue("customer_id", "invalid-customer-id",
          "is required and must match " + CUSTOMER_ID.pattern()));
    }
    if (e.occurredAt() == null) {
      addUnless(alreadyWrong, issues, new FieldIssue("occurred_at", "missing-field",
          "is required, as ISO-8601 with offset"));
    } else if (e.occurredAt().isAfter(latestAllowed)) {
      issues.add(new FieldIssue("occurred_at", "occurred-in-future", "is too far in the future"));
    }
    attribution("channel", e.channel(), issues);
    attribution("campaign", e.campaign(), issues);
    Map<String, Object> attributes = attributes(e, alreadyWrong, issues);
    if (!issues.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ValidEvent(e.eventId(), e.customerId(), e.type(),
        e.occurredAt().truncatedTo(ChronoUnit.MICROS), attributes, e.channel(), e.campaign()));
  }

  private Map<String, Object> attributes(IncomingEvent e, Set<String> alreadyWrong, List<FieldIssue> issues) {
    if (e.type() == null) {
      addUnless(alreadyWrong, issues, new FieldIssue("type", "missing-field", "is required"));
      return Map.of();
    }
    Optional<EventType> type = seen.computeIfAbsent(e.type(), types);
    if (type.isEmpty()) {
      issues.add(new FieldIssue("type", "unknown-event-type", "'" + e.type() + "' is not a known event type"));
      return Map.of();
    }
    return alreadyWrong.contains("attributes") ? Map.of() : AttributeCheck.check(type.get(), e.attributes(), issues);
  }

  private static void attribution(String field, String value, List<FieldIssue> issues) {
    if (value != null && (value.isBlank() || value.length() > MAX_ATTRIBUTION)) {
      issues.add(new FieldIssue(field, "invalid-attribution", "must be 1 to " + MAX_ATTRIBUTION + " characters"));
    }
  }

  private static void addUnless(Set<String> alreadyWrong, List<FieldIssue> issues, FieldIssue issue) {
    if (!alreadyWrong.contains(issue.field())) {
      issues.add(issue);
    }
  }
}
