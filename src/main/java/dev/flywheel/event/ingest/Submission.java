package dev.flywheel.event.ingest;

import dev.flywheel.event.IncomingEvent;
import dev.flywheel.platform.web.FieldIssue;
import java.util.List;

/**
 * An incoming event plus what was already found wrong while reading it (e.g. an unparseable
 * {@code occurred_at} arrives as null with an issue), so that all of an event's issues are
 * reported together.
 */
public record Submission(IncomingEvent event, List<FieldIssue> readIssues) {
  public Submission {
    readIssues = List.copyOf(readIssues);
  }

  public static Submission of(IncomingEvent event) {
    return new Submission(event, List.of());
  }
}
