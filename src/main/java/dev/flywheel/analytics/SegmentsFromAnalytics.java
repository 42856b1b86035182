package dev.flywheel.analytics;

import dev.flywheel.customer.Customers;
import dev.flywheel.customer.Segment;
import dev.flywheel.customer.Segments;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One click from a funnel step or retention cell to a segment journeys and campaigns can use:
 * the customers are tagged with a fresh tag ({@code analytics-<12 hex>}) through the customer
 * module's public API, and a segment {@code "<tag>" in tags} is saved. The segment is thus a
 * snapshot of who dropped at the moment of the click; it stays valid as customers move on.
 */
@Service
public class SegmentsFromAnalytics {
  private final Customers customers;
  private final Segments segments;

  SegmentsFromAnalytics(Customers customers, Segments segments) {
    this.customers = customers;
    this.segments = segments;
  }

  /** A saved segment and how many customers it was made of. */
  public record Made(Segment segment, String tag, int customers) {}

  @Transactional
  public Made create(long tenantId, String name, String description, List<String> customerIds, String actor) {
    if (name == null || name.isBlank() || name.length() > 200) {
      throw Problem.invalid("invalid-name", "The segment needs a name",
          List.of(new FieldIssue("name", "invalid-name", "1 to 200 characters")));
    }
    String tag = "analytics-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    Map<String, Set<String>> tags = new HashMap<>();
    customerIds.forEach(id -> tags.put(id, Set.of(tag)));
    customers.addTags(tenantId, tags);
    return switch (segments.create(tenantId, name, description, "\"" + tag + "\" in tags", actor)) {
      case Segments.Creation.Created c -> new Made(c.segment(), tag, customerIds.size());
      case Segments.Creation.NameTaken t -> throw Problem.conflict("segment-name-taken", "A segment named " + name + " exists");
      case Segments.Creation.Rejected r -> throw new IllegalStateException("tag expression rejected: " + r.problem());
    };
  }
}
