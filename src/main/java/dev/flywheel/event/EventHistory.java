package dev.flywheel.event;

import dev.flywheel.event.store.EventReads;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Read-only questions about a tenant's stored events, for the console and the read API. */
@Service
public class EventHistory {
  public static final int MAX_LIMIT = 500;
  private final EventReads reads;

  EventHistory(EventReads reads) {
    this.reads = reads;
  }

  /**
   * A customer's events, newest {@code occurred_at} first (ties by seq). Page on with the last
   * returned {@code seq} as {@code beforeSeq}; an unknown {@code beforeSeq} gives an empty page.
   *
   * @param limit 1 to {@link #MAX_LIMIT} (clamped)
   */
  public List<StoredEvent> lastEvents(long tenantId, String customerId, int limit, Long beforeSeq) {
    return reads.ofCustomer(tenantId, customerId, Math.clamp(limit, 1, MAX_LIMIT), beforeSeq);
  }

  public Optional<StoredEvent> find(long tenantId, String eventId) {
    return reads.find(tenantId, eventId);
  }

  /** Event counts per day (in {@code zone}, e.g. the tenant's) and type, {@code from}–{@code to} inclusive. */
  public List<DailyTypeCount> perDayPerType(long tenantId, LocalDate from, LocalDate to, ZoneId zone) {
    return reads.perDayPerType(tenantId, from, to, zone);
  }

  /** All events the tenant ever had accepted. */
  public long count(long tenantId) {
    return reads.count(tenantId);
  }
}
