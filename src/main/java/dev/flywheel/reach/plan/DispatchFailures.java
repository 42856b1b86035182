package dev.flywheel.reach.plan;

import dev.flywheel.reach.MessageStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What happens to a customer's due messages when deciding them failed (the customer's transaction
 * rolled back, e.g. delivery's write threw): each message counts the failure and is DEFERRED with
 * reason {@code dispatch-failed} for 1, 2, 4 … minutes (at most an hour), so a customer that keeps
 * failing is not retried every round; after {@link #MAX_FAILURES} failures the message is DROPPED
 * with reason {@code dispatch-failed}. Runs in a transaction of its own, after the rollback.
 */
@Component
class DispatchFailures {
  static final int MAX_FAILURES = 8;
  static final String REASON = "dispatch-failed";
  private static final Duration FIRST = Duration.ofMinutes(1);
  private static final Duration LONGEST = Duration.ofHours(1);
  private final JdbcClient jdbc;
  private final MessageRows rows;

  DispatchFailures(JdbcClient jdbc, MessageRows rows) {
    this.jdbc = jdbc;
    this.rows = rows;
  }

  /** Counts one failure on each due message of the customer and backs them off; returns how many. */
  int backOff(long tenantId, String customerId, Instant now) {
    List<MessageRows.Row> due = rows.dueFor(tenantId, customerId, now);
    for (MessageRows.Row m : due) {
      int failures = jdbc.sql("""
              update reach_messages set dispatch_failures = dispatch_failures + 1 where id = :id
              returning dispatch_failures""")
          .param("id", m.id()).query(Integer.class).single();
      if (failures >= MAX_FAILURES) {
        rows.end(m, MessageStatus.DROPPED, REASON, now);
      } else {
        rows.defer(m, REASON, now.plus(delay(failures)), now);
      }
    }
    return due.size();
  }

  /** 1 minute after the first failure, doubling, at most an hour. */
  static Duration delay(int failures) {
    Duration d = FIRST.multipliedBy(1L << Math.min(failures - 1, 20));
    return d.compareTo(LONGEST) > 0 ? LONGEST : d;
  }
}
