/**
 * Event ingestion: the event-type registry with typed attribute schemas, the HTTP single and
 * batch endpoints, idempotency by {@code (tenant, event_id)}, and the month-partitioned event
 * store. Tables: {@code event_types}, {@code event_keys}, {@code events} (+ monthly partitions
 * {@code events_YYYY_MM}), sequence {@code event_seq}.
 *
 * <p>Promises: an accepted event is stored exactly once and, in the same transaction, published
 * as an {@link dev.flywheel.event.EventAccepted} for the modules downstream.
 *
 * <p>API for other modules: {@link dev.flywheel.event.EventIngestion} (the one ingestion path,
 * also behind HTTP), {@link dev.flywheel.event.EventTypes} (registry),
 * {@link dev.flywheel.event.EventHistory} (reads for the console), and the records they take and
 * return. Sub-packages are internal: {@code types} (built-ins, schema checks, custom-type
 * storage), {@code ingest} (validation, the transactional intake, settings), {@code store}
 * (SQL, partitions, the partition job), {@code web} (controllers).
 *
 * <p>Error codes (stable; see {@code docs/api/events.md}). A rejected event carries every field
 * at fault in {@code errors[]} ({@code field}, {@code code}, {@code message}); its top-level
 * {@code code} is the fields' code when they all share one, otherwise {@code invalid-event}.
 * Field codes: {@code missing-field}, {@code wrong-field-type}, {@code invalid-event-id},
 * {@code invalid-customer-id}, {@code invalid-timestamp}, {@code occurred-in-future},
 * {@code unknown-event-type}, {@code unknown-attribute}, {@code missing-attribute},
 * {@code wrong-attribute-type}, {@code negative-amount}, {@code too-many-decimals},
 * {@code out-of-range}, {@code invalid-enum-value}, {@code invalid-attribution}. Request codes:
 * {@code malformed-json} (400), {@code body-too-large} (413), {@code invalid-batch} (400),
 * {@code batch-too-large} (422), {@code not-found} (404). Event types: {@code shadows-built-in}
 * and {@code type-exists} (409), {@code invalid-type-name}, {@code unknown-attribute-type},
 * {@code invalid-attribute-name}, {@code missing-enum-values}, {@code values-only-for-enum},
 * {@code too-many-attributes}, {@code too-long}, or {@code invalid-event-type} when mixed (422).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Event ingestion")
package dev.flywheel.event;
