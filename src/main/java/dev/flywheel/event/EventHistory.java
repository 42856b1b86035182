package dev.flywheel.event;

import dev.flywheel.event.store.EventReads;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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

  /**
   * Every event of {@code types} (null = all types) that occurred in {@code [from, to)}, oldest
   * first in {@code (occurred_at, seq)} order, handed to {@code consumer} one at a time while
   * PostgreSQL is read {@code fetchSize} rows at a time (a cursor in a read-only transaction of
   * its own, or the caller's): memory stays flat however long the window. Read-only; the consumer
   * must not call back into the database on this connection's transaction expecting writes.
   *
   * @param fetchSize 1 to {@link #MAX_LIMIT} rows per round trip (clamped)
   */
  @Transactional(readOnly = true)
  public void forEachInRange(long tenantId, Collection<String> types, Instant from, Instant to, int fetchSize,
      Consumer<StoredEvent> consumer) {
    reads.forEachInRange(tenantId, types, from, to, Math.clamp(fetchSize, 1, MAX_LIMIT), consumer);
  }

  /**
   * Every event the tenant ever had accepted, customer by customer (all of a customer's events
   * together, newest first), handed to {@code consumer} one at a time while PostgreSQL is read
   * {@code fetchSize} rows at a time in the caller's transaction (or a read-only one of its own):
   * what a rebuild of per-customer rollups needs to write each customer once. In a repeatable-read
   * transaction it reads that transaction's snapshot.
   *
   * @param fetchSize 1 to 10,000 rows per round trip (clamped)
   */
  @Transactional(readOnly = true)
  public void forEachByCustomer(long tenantId, int fetchSize, Consumer<StoredEvent> consumer) {
    reads.forEachByCustomer(tenantId, Math.clamp(fetchSize, 1, 10_000), consumer);
  }

  /**
   * The tenant's stored events with these sequence numbers ({@link EventAccepted#seq()}) that
   * occurred in {@code [from, to]}, in sequence order, read in the caller's transaction: how a
   * consumer that queued the numbers of accepted events reads them back after their commit.
   */
  @Transactional(readOnly = true)
  public List<StoredEvent> bySeq(long tenantId, long[] seqs, Instant from, Instant to) {
    return seqs.length == 0 ? List.of() : reads.bySeq(tenantId, seqs, from, to);
  }

  /**
   * For each customer with an event of {@code types} in {@code [from, to)}: which of those types
   * the customer had before {@code from} (one query; customers with none are absent). What
   * "first ever" needs when a window of history is replayed.
   */
  @Transactional(readOnly = true)
  public Map<String, Set<String>> typesBefore(long tenantId, Collection<String> types, Instant from, Instant to) {
    return types.isEmpty() ? Map.of() : reads.typesBefore(tenantId, types, from, to);
  }

  /** All events the tenant ever had accepted. */
  public long count(long tenantId) {
    return reads.count(tenantId);
  }
}
