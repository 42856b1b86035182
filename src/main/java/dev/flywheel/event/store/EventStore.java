package dev.flywheel.event.store;

import dev.flywheel.event.ingest.ValidEvent;
import dev.flywheel.event.types.AttributeJson;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Writes {@code event_keys} and {@code events}: one statement per table per batch, rows passed as
 * arrays and expanded with {@code unnest}, so a batch of 1,000 events costs a few round trips.
 * Callers hold the transaction.
 */
@Repository
public class EventStore {
  private final JdbcTemplate jdbc;

  EventStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The stored identity of an event: its sequence number and when it was received. */
  public record Key(long seq, Instant receivedAt) {}

  /**
   * Claims the idempotency keys; sequence numbers follow the list order. Keys are inserted in
   * event-id order so that concurrent batches with overlapping ids wait for each other instead
   * of deadlocking; a key another open transaction holds waits for it to commit or roll back.
   *
   * @param events without repeated event ids
   * @return event id → sequence number, only for the keys this call claimed
   */
  public Map<String, Long> claimKeys(long tenantId, List<ValidEvent> events, Instant receivedAt) {
    String[] ids = new String[events.size()];
    String[] times = new String[events.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = events.get(i).eventId();
      times[i] = events.get(i).occurredAt().toString();
    }
    Map<String, Long> claimed = new HashMap<>();
    jdbc.execute((Connection con) -> {
      try (PreparedStatement ps = con.prepareStatement("""
          insert into event_keys (tenant_id, event_id, seq, occurred_at, received_at)
          select ?, k.event_id, k.seq, k.occurred_at, ?
          from (select u.event_id, u.occurred_at, nextval('event_seq') as seq
                from unnest(?::text[], ?::timestamptz[]) with ordinality as u(event_id, occurred_at, i)
                order by u.i) k
          order by k.event_id
          on conflict do nothing
          returning event_id, seq""")) {
        ps.setLong(1, tenantId);
        ps.setObject(2, OffsetDateTime.ofInstant(receivedAt, ZoneOffset.UTC));
        ps.setArray(3, con.createArrayOf("text", ids));
        ps.setArray(4, con.createArrayOf("text", times));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            claimed.put(rs.getString(1), rs.getLong(2));
          }
        }
      }
      return null;
    });
    return claimed;
  }

  /** The keys stored for these event ids (committed by others or earlier in this transaction). */
  public Map<String, Key> keys(long tenantId, Collection<String> eventIds) {
    Map<String, Key> keys = new HashMap<>();
    if (eventIds.isEmpty()) {
      return keys;
    }
    jdbc.execute((Connection con) -> {
      try (PreparedStatement ps = con.prepareStatement("""
          select event_id, seq, received_at from event_keys where tenant_id = ? and event_id = any(?)""")) {
        ps.setLong(1, tenantId);
        ps.setArray(2, con.createArrayOf("text", eventIds.toArray(String[]::new)));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            keys.put(rs.getString(1), new Key(rs.getLong(2), rs.getObject(3, OffsetDateTime.class).toInstant()));
          }
        }
      }
      return null;
    });
    return keys;
  }

  /** Inserts the events whose keys were claimed; their months' partitions must exist. */
  public void insert(long tenantId, List<ValidEvent> events, Map<String, Long> seqs, Instant receivedAt) {
    if (events.isEmpty()) {
      return;
    }
    int n = events.size();
    Long[] seq = new Long[n];
    String[][] text = new String[7][n];
    for (int i = 0; i < n; i++) {
      ValidEvent e = events.get(i);
      seq[i] = seqs.get(e.eventId());
      text[0][i] = e.eventId();
      text[1][i] = e.customerId();
      text[2][i] = e.type();
      text[3][i] = e.occurredAt().toString();
      text[4][i] = AttributeJson.write(e.attributes());
      text[5][i] = e.channel();
      text[6][i] = e.campaign();
    }
    jdbc.execute((Connection con) -> {
      try (PreparedStatement ps = con.prepareStatement("""
          insert into events (tenant_id, seq, event_id, customer_id, type, occurred_at, received_at,
                              attributes, channel, campaign)
          select ?, u.seq, u.event_id, u.customer_id, u.type, u.occurred_at, ?, u.attributes::jsonb,
                 u.channel, u.campaign
          from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::text[])
               as u(seq, event_id, customer_id, type, occurred_at, attributes, channel, campaign)""")) {
        ps.setLong(1, tenantId);
        ps.setObject(2, OffsetDateTime.ofInstant(receivedAt, ZoneOffset.UTC));
        ps.setArray(3, con.createArrayOf("bigint", seq));
        for (int c = 0; c < text.length; c++) {
          ps.setArray(4 + c, textArray(con, text[c]));
        }
        ps.executeUpdate();
      }
      return null;
    });
  }

  private static Array textArray(Connection con, String[] values) throws SQLException {
    return con.createArrayOf("text", values);
  }
}
