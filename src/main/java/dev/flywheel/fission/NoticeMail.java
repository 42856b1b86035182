package dev.flywheel.fission;

import dev.flywheel.reach.StaffMail;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The e-mail copy of each employee notification, through reach's {@link StaffMail} (the tenant's
 * SMTP). A notification — one per (activity, employee, kind) — is written {@code PENDING} with its
 * address; after the writing transaction commits it is tried at once. Each attempt first claims
 * the e-mail by a conditional update ({@code PENDING → SENDING}, with a lease), so two nodes never
 * send it at the same time, and records the outcome: {@code SENT}; {@code PENDING} again with the
 * next attempt's time when the mail server was unavailable (backoff {@link #backoff}, at most
 * {@link #MAX_ATTEMPTS} attempts); {@code NOT_SENT} with the reason otherwise
 * ({@code email-not-configured}, {@code no-address}, {@code rejected-by-provider}, …, or
 * {@code provider-unavailable} after the last attempt). The durable retry is the recurring
 * db-scheduler task {@code fission-notice-mail} ({@link #retryDue}), which also takes back e-mails
 * whose lease ran out (a node died mid-send). The {@code Message-ID} is derived from the notice, so
 * even that rare repeat is one message to the mail system.
 */
@Component
class NoticeMail {
  static final int MAX_ATTEMPTS = 8;
  static final Duration LEASE = Duration.ofMinutes(5);
  private static final Set<String> TRANSIENT = Set.of("provider-unavailable");
  private final JdbcClient jdbc;
  private final StaffMail mail;
  private final Clock clock;

  NoticeMail(JdbcClient jdbc, StaffMail mail, Clock clock) {
    this.jdbc = jdbc;
    this.mail = mail;
    this.clock = clock;
  }

  /** The wait after the {@code attempts}-th failed attempt: 1, 2, 4, … minutes, at most an hour. */
  static Duration backoff(int attempts) {
    return Duration.ofMinutes(Math.min(60, 1L << Math.min(attempts - 1, 6)));
  }

  /** Mails the given notifications once the current transaction commits (at once without one). */
  void afterCommit(long tenantId, List<Long> notificationIds) {
    if (notificationIds.isEmpty()) {
      return;
    }
    if (TransactionSynchronizationManager.isSynchronizationActive()
        && TransactionSynchronizationManager.isActualTransactionActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          notificationIds.forEach(id -> send(tenantId, id));
        }
      });
    } else {
      notificationIds.forEach(id -> send(tenantId, id));
    }
  }

  /** Tries every e-mail whose next attempt is due (or whose lease ran out); answers how many were tried. */
  int retryDue() {
    Instant now = clock.instant();
    List<long[]> due = jdbc.sql("""
        select id, tenant_id from fission_notifications
        where (email_status = 'PENDING' and email_next_at <= :now)
           or (email_status = 'SENDING' and email_lease_until <= :now)
        order by email_next_at limit 200""")
        .param("now", Timestamp.from(now)).query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
    int tried = 0;
    for (long[] d : due) {
      tried += send(d[1], d[0]) ? 1 : 0;
    }
    return tried;
  }

  private record Claimed(String to, String subject, String body, int attempt) {}

  /** One attempt; false when another attempt holds the e-mail or it is done. */
  boolean send(long tenantId, long notificationId) {
    Instant now = clock.instant();
    var claimed = jdbc.sql("""
        update fission_notifications n set email_status = 'SENDING', email_attempts = n.email_attempts + 1,
          email_lease_until = :lease
        from fission_activities a
        where n.id = :id and n.tenant_id = :t and a.id = n.activity_id
          and ((n.email_status = 'PENDING' and n.email_next_at <= :now)
               or (n.email_status = 'SENDING' and n.email_lease_until <= :now))
        returning n.email_to, a.name, n.body, n.email_attempts
        """).param("id", notificationId).param("t", tenantId).param("now", Timestamp.from(now))
        .param("lease", Timestamp.from(now.plus(LEASE)))
        .query((rs, i) -> new Claimed(rs.getString(1), "[Flywheel] " + rs.getString(2), rs.getString(3),
            rs.getInt(4))).optional();
    if (claimed.isEmpty()) {
      return false;
    }
    Claimed c = claimed.get();
    StaffMail.Outcome outcome = mail.send(tenantId, c.to(), c.subject(),
        c.body() + "\n\nSee your fission page in the Flywheel console.", "fission-notice-" + notificationId);
    String reason = outcome instanceof StaffMail.Outcome.NotSent n ? n.reason() : null;
    boolean retry = reason != null && TRANSIENT.contains(reason) && c.attempt() < MAX_ATTEMPTS;
    String status = reason == null ? "SENT" : retry ? "PENDING" : "NOT_SENT";
    Instant after = clock.instant();
    jdbc.sql("""
        update fission_notifications set email_status = :s, email_reason = :r, email_at = :now,
          email_next_at = :next, email_lease_until = null
        where id = :id and email_status = 'SENDING' and email_attempts = :attempt
        """).param("s", status).param("r", reason).param("now", Timestamp.from(after))
        .param("next", retry ? Timestamp.from(after.plus(backoff(c.attempt()))) : null, java.sql.Types.TIMESTAMP)
        .param("id", notificationId).param("attempt", c.attempt()).update();
    return true;
  }
}
