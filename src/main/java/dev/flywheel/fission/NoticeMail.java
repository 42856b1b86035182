package dev.flywheel.fission;

import dev.flywheel.reach.StaffMail;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The e-mail copy of each employee notification, through reach's {@link StaffMail} (the tenant's
 * SMTP). A notification is written {@code PENDING} with its address; after the writing
 * transaction commits, a conditional update claims it ({@code PENDING → SENDING}), so it is mailed
 * at most once, and the outcome is recorded: {@code SENT}, or {@code NOT_SENT} with the reason
 * ({@code email-not-configured}, {@code no-address}, …). Not retried; the console list stays.
 */
@Component
class NoticeMail {
  private final JdbcClient jdbc;
  private final StaffMail mail;
  private final Clock clock;

  NoticeMail(JdbcClient jdbc, StaffMail mail, Clock clock) {
    this.jdbc = jdbc;
    this.mail = mail;
    this.clock = clock;
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

  private record Claimed(String to, String subject, String body) {}

  void send(long tenantId, long notificationId) {
    var claimed = jdbc.sql("""
        update fission_notifications n set email_status = 'SENDING'
        from fission_activities a
        where n.id = :id and n.tenant_id = :t and n.email_status = 'PENDING' and a.id = n.activity_id
        returning n.email_to, a.name, n.body
        """).param("id", notificationId).param("t", tenantId)
        .query((rs, i) -> new Claimed(rs.getString(1), "[Flywheel] " + rs.getString(2), rs.getString(3))).optional();
    if (claimed.isEmpty()) {
      return;
    }
    Claimed c = claimed.get();
    StaffMail.Outcome outcome = mail.send(tenantId, c.to(), c.subject(),
        c.body() + "\n\nSee your fission page in the Flywheel console.", "fission-notice-" + notificationId);
    String status = outcome instanceof StaffMail.Outcome.Sent ? "SENT" : "NOT_SENT";
    String reason = outcome instanceof StaffMail.Outcome.NotSent n ? n.reason() : null;
    jdbc.sql("""
        update fission_notifications set email_status = :s, email_reason = :r, email_at = :now
        where id = :id and email_status = 'SENDING'
        """).param("s", status).param("r", reason).param("now", Timestamp.from(clock.instant()))
        .param("id", notificationId).update();
  }
}
