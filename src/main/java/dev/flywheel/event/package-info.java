/**
 * Event ingestion: the event-type registry with typed attribute schemas, the HTTP single and
 * batch endpoints, idempotency by {@code (tenant, event_id)}, and the month-partitioned event
 * store. Tables: {@code event_types}, {@code event_keys}, {@code events} (+ monthly partitions).
 *
 * <p>Promises: an accepted event is stored exactly once and, in the same transaction, published
 * as an {@link dev.flywheel.event.EventAccepted} for the modules downstream.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Event ingestion")
package dev.flywheel.event;
