package dev.flywheel.customer;

import dev.flywheel.customer.segment.Audience;
import dev.flywheel.customer.segment.SegmentLanguage;
import dev.flywheel.customer.segment.SegmentStore;
import dev.flywheel.platform.web.Problem;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Segments (saved audiences) for the console, campaigns and journeys. Membership is evaluated
 * live against the current customer state; an unknown segment (or another tenant's) is a
 * {@code not-found} problem. Thread-safe.
 */
@Service
public class Segments {
  private static final int MAX_PAGE_SIZE = 1_000;
  private final SegmentStore store;
  private final SegmentLanguage language;
  private final Audience audience;
  private final Clock clock;

  Segments(SegmentStore store, SegmentLanguage language, Audience audience, Clock clock) {
    this.store = store;
    this.language = language;
    this.audience = audience;
    this.clock = clock;
  }

  /** Type-checks an expression without saving it. */
  public ExpressionCheck check(String expression) {
    return language.check(expression);
  }

  /** The outcome of saving a segment: a business "no" is a value. */
  public sealed interface Creation {
    record Created(Segment segment) implements Creation {}

    record Rejected(ExpressionCheck.Invalid problem) implements Creation {}

    record NameTaken(String name) implements Creation {}
  }

  /** Checks and saves a segment; nothing is saved unless the expression type-checks. */
  public Creation create(long tenantId, String name, String description, String expression, String actor) {
    if (language.check(expression) instanceof ExpressionCheck.Invalid invalid) {
      return new Creation.Rejected(invalid);
    }
    return store.create(tenantId, name, description, expression, actor, clock.instant())
        .<Creation>map(Creation.Created::new)
        .orElseGet(() -> new Creation.NameTaken(name));
  }

  public Optional<Segment> find(long tenantId, long segmentId) {
    return store.find(tenantId, segmentId);
  }

  public List<Segment> list(long tenantId) {
    return store.list(tenantId);
  }

  /** Members by customer id, {@code page} zero-based, {@code size} 1–1,000. */
  public SegmentMembers members(long tenantId, long segmentId, int page, int size) {
    int limit = Math.clamp(size, 1, MAX_PAGE_SIZE);
    var result = audience.page(tenantId, language.program(segment(tenantId, segmentId).expression(), true),
        page, limit);
    return new SegmentMembers(segmentId, result.ids(), Math.max(0, page), limit, result.total());
  }

  public long count(long tenantId, long segmentId) {
    return audience.count(tenantId, language.program(segment(tenantId, segmentId).expression(), true));
  }

  /** Whether one customer is in the segment now; false for an unknown customer. */
  public boolean contains(long tenantId, long segmentId, String customerId) {
    return audience.contains(tenantId, language.program(segment(tenantId, segmentId).expression(), true),
        customerId);
  }

  /** Live count of an unsaved expression (the console's preview); invalid expressions count -1. */
  public long preview(long tenantId, String expression) {
    if (language.check(expression) instanceof ExpressionCheck.Invalid) {
      return -1;
    }
    return audience.count(tenantId, language.program(expression, false));
  }

  private Segment segment(long tenantId, long segmentId) {
    return store.find(tenantId, segmentId)
        .orElseThrow(() -> Problem.notFound("segment", String.valueOf(segmentId)));
  }
}
