package dev.flywheel.bench;

import dev.flywheel.event.store.Partitions;
import dev.flywheel.event.types.AttributeJson;
import dev.flywheel.simulator.SimulatedCustomer;
import dev.flywheel.simulator.SimulatedEvent;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Writes simulated events straight into the event store with one {@code COPY} per batch of
 * customers: the rows the ingestion path would store (same columns, attribute JSON written by
 * the event module's own {@link AttributeJson}, sequence numbers from {@code event_seq}), without
 * its per-event validation, idempotency keys ({@code event_keys} is not written) or published
 * events. For loading benchmark data at a scale the real path cannot reach in minutes.
 */
final class EventCopy {
  private final DataSource dataSource;
  private final Partitions partitions;

  EventCopy(DataSource dataSource, Partitions partitions) {
    this.dataSource = dataSource;
    this.partitions = partitions;
  }

  /** Copies the customers' events into {@code tenantId}; returns the number of rows written. */
  long copy(long tenantId, List<SimulatedCustomer> customers) throws Exception {
    List<SimulatedEvent> events = customers.stream().flatMap(c -> c.events().stream()).toList();
    if (events.isEmpty()) {
      return 0;
    }
    partitions.ensureFor(events.stream().map(SimulatedEvent::occurredAt).toList());
    try (Connection con = dataSource.getConnection()) {
      long base = reserve(con, events.size());
      String received = Instant.now().toString();
      StringBuilder csv = new StringBuilder(events.size() * 200);
      long seq = base;
      for (SimulatedEvent e : events) {
        csv.append(tenantId).append(',').append(seq++).append(',').append(quote(e.eventId())).append(',')
            .append(quote(e.customerId())).append(',').append(quote(e.type())).append(',').append(e.occurredAt())
            .append(',').append(received).append(',').append(quote(AttributeJson.write(e.attributes()))).append(',')
            .append(e.channel() == null ? "" : quote(e.channel())).append(',')
            .append(e.campaign() == null ? "" : quote(e.campaign())).append('\n');
      }
      boolean auto = con.getAutoCommit();
      con.setAutoCommit(true);
      try {
        return con.unwrap(PGConnection.class).getCopyAPI().copyIn("""
            copy events (tenant_id, seq, event_id, customer_id, type, occurred_at, received_at, attributes, channel, campaign)
            from stdin (format csv)""", new StringReader(csv.toString()));
      } finally {
        con.setAutoCommit(auto);
      }
    }
  }

  /** Reserves {@code n} consecutive values of {@code event_seq}; returns the first. */
  private static long reserve(Connection con, int n) throws SQLException {
    try (Statement s = con.createStatement();
         ResultSet rs = s.executeQuery("select nextval('event_seq'), setval('event_seq', currval('event_seq') + " + n + ")")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String quote(String value) {
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
