package dev.flywheel.event.store;

import dev.flywheel.event.DailyTypeCount;
import dev.flywheel.event.StoredEvent;
import dev.flywheel.event.types.AttributeJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads of the event store; every query is scoped by tenant. */
@Repository
public class EventReads {
  private static final String COLUMNS = """
      e.seq, e.event_id, e.customer_id, e.type, e.occurred_at, e.received_at, e.attributes::text,
      e.channel, e.campaign""";
  private final JdbcClient jdbc;

  EventReads(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Newest first by occurrence; {@code beforeSeq} is the last seq of the previous page. */
  public List<StoredEvent> ofCustomer(long tenantId, String customerId, int limit, Long beforeSeq) {
    String after = beforeSeq == null ? "" : """
        and (e.occurred_at, e.seq) < (select c.occurred_at, c.seq from events c
                                      where c.tenant_id = :tenant and c.customer_id = :customer and c.seq = :before)""";
    var spec = jdbc.sql("select " + COLUMNS + " from events e where e.tenant_id = :tenant and e.customer_id = :customer "
            + after + " order by e.occurred_at desc, e.seq desc limit :limit")
        .param("tenant", tenantId).param("customer", customerId).param("limit", limit);
    if (beforeSeq != null) {
      spec = spec.param("before", beforeSeq);
    }
    return spec.query(EventReads::map).list();
  }

  public Optional<StoredEvent> find(long tenantId, String eventId) {
    return jdbc.sql("select " + COLUMNS + """
             from event_keys k
             join events e on e.seq = k.seq and e.occurred_at = k.occurred_at and e.tenant_id = k.tenant_id
            where k.tenant_id = :tenant and k.event_id = :id""")
        .param("tenant", tenantId).param("id", eventId)
        .query(EventReads::map).optional();
  }

  /** Days from {@code from} to {@code to} inclusive, in {@code zone}; days without events are absent. */
  public List<DailyTypeCount> perDayPerType(long tenantId, LocalDate from, LocalDate to, ZoneId zone) {
    return jdbc.sql("""
            select (occurred_at at time zone :zone)::date as day, type, count(*) as n
              from events
             where tenant_id = :tenant and occurred_at >= :start and occurred_at < :end
             group by 1, 2 order by 1, 2""")
        .param("tenant", tenantId).param("zone", zone.getId())
        .param("start", from.atStartOfDay(zone).toOffsetDateTime())
        .param("end", to.plusDays(1).atStartOfDay(zone).toOffsetDateTime())
        .query((rs, row) -> new DailyTypeCount(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getLong(3)))
        .list();
  }

  /**
   * Streams events with {@code occurred_at} in {@code [from, to)}, of {@code types} (null = every
   * type), in {@code (occurred_at, seq)} order, reading {@code fetchSize} rows at a time. Call
   * inside a transaction: PostgreSQL only uses a cursor (instead of reading everything) when
   * auto-commit is off.
   */
  public void forEachInRange(long tenantId, Collection<String> types, Instant from, Instant to, int fetchSize,
      Consumer<StoredEvent> consumer) {
    String typeFilter = types == null ? "" : " and e.type = any(cast(:types as text[]))";
    var spec = jdbc.sql("select " + COLUMNS + " from events e where e.tenant_id = :tenant"
            + " and e.occurred_at >= :from and e.occurred_at < :to" + typeFilter + " order by e.occurred_at, e.seq")
        .withFetchSize(fetchSize)
        .param("tenant", tenantId).param("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
        .param("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
    if (types != null) {
      spec = spec.param("types", types.toArray(String[]::new));
    }
    try (Stream<StoredEvent> events = spec.query(EventReads::map).stream()) {
      events.forEach(consumer);
    }
  }

  /**
   * Every event of the tenant, customer by customer (a customer's newest first: the order of the
   * {@code events_by_customer} index, so no sort), {@code fetchSize} rows per round trip.
   */
  public void forEachByCustomer(long tenantId, int fetchSize, Consumer<StoredEvent> consumer) {
    try (Stream<StoredEvent> events = jdbc.sql("select " + COLUMNS + " from events e where e.tenant_id = :tenant"
            + " order by e.customer_id, e.occurred_at desc")
        .withFetchSize(fetchSize).param("tenant", tenantId).query(EventReads::map).stream()) {
      events.forEach(consumer);
    }
  }

  /**
   * The tenant's events with these sequence numbers, which occurred in {@code [from, to]} (the
   * bounds prune the partitions), in sequence order.
   */
  public List<StoredEvent> bySeq(long tenantId, long[] seqs, Instant from, Instant to) {
    return jdbc.sql("select " + COLUMNS + " from events e where e.tenant_id = :tenant"
            + " and e.seq = any(cast(:seqs as bigint[])) and e.occurred_at >= :from and e.occurred_at <= :to order by e.seq")
        .param("tenant", tenantId).param("seqs", seqs)
        .param("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
        .param("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC))
        .query(EventReads::map).list();
  }

  /**
   * For the customers with an event of {@code types} in {@code [from, to)}: which of those types
   * each had before {@code from} (customers with none are absent).
   */
  public Map<String, Set<String>> typesBefore(long tenantId, Collection<String> types, Instant from, Instant to) {
    Map<String, Set<String>> out = new HashMap<>();
    jdbc.sql("""
            select distinct b.customer_id, b.type from events b
             where b.tenant_id = :tenant and b.type = any(cast(:types as text[])) and b.occurred_at < :from
               and b.customer_id in (select w.customer_id from events w
                                      where w.tenant_id = :tenant and w.type = any(cast(:types as text[]))
                                        and w.occurred_at >= :from and w.occurred_at < :to)""")
        .param("tenant", tenantId).param("types", types.toArray(String[]::new))
        .param("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
        .param("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC))
        .query((rs, row) -> out.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2)))
        .list();
    return out;
  }

  public long count(long tenantId) {
    return jdbc.sql("select count(*) from event_keys where tenant_id = :tenant")
        .param("tenant", tenantId).query(Long.class).single();
  }

  private static StoredEvent map(ResultSet rs, int row) throws SQLException {
    return new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
        rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getObject(6, OffsetDateTime.class).toInstant(),
        AttributeJson.read(rs.getString(7)), rs.getString(8), rs.getString(9));
  }
}
