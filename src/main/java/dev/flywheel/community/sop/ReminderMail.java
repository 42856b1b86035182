package dev.flywheel.community.sop;

import dev.flywheel.reach.StaffMail;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The e-mail copy of a TASK slot's reminder, through reach's {@link StaffMail} (the tenant's
 * SMTP; address = the manager's username when it is an e-mail address). Written {@code PENDING};
 * after the firing commits, a conditional update claims it ({@code PENDING → SENDING}) so it is
 * mailed at most once; the outcome is recorded ({@code SENT} / {@code NOT_SENT} with the reason).
 */
@Component
class ReminderMail {
  private final JdbcClient jdbc;
  private final StaffMail mail;
  private final Clock clock;

  ReminderMail(JdbcClient jdbc, StaffMail mail, Clock clock) {
    this.jdbc = jdbc;
    this.mail = mail;
    this.clock = clock;
  }

  void afterCommit(long tenantId, long slotId, List<String> usernames) {
    if (usernames.isEmpty()) {
      return;
    }
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          usernames.forEach(u -> send(tenantId, slotId, u));
        }
      });
    } else {
      usernames.forEach(u -> send(tenantId, slotId, u));
    }
  }

  private record Claimed(String to, String subject, String body) {}

  void send(long tenantId, long slotId, String username) {
    var claimed = jdbc.sql("""
        update community_sop_reminders r set email_status = 'SENDING'
        from community_sop_slots s
        where r.slot_id = :s and r.username = :u and r.tenant_id = :t and r.email_status = 'PENDING' and s.id = r.slot_id
        returning r.email_to, s.title, r.body
        """).param("s", slotId).param("u", username).param("t", tenantId)
        .query((rs, i) -> new Claimed(rs.getString(1), "[Flywheel] SOP: " + rs.getString(2), rs.getString(3)))
        .optional();
    if (claimed.isEmpty()) {
      return;
    }
    Claimed c = claimed.get();
    StaffMail.Outcome outcome = mail.send(tenantId, c.to(), c.subject(),
        c.body() + "\n\nMark it done in your community calendar in the Flywheel console.",
        "sop-slot-" + slotId + "-" + Integer.toHexString(username.hashCode()));
    String status = outcome instanceof StaffMail.Outcome.Sent ? "SENT" : "NOT_SENT";
    String reason = outcome instanceof StaffMail.Outcome.NotSent n ? n.reason() : null;
    jdbc.sql("""
        update community_sop_reminders set email_status = :st, email_reason = :r, email_at = :now
        where slot_id = :s and username = :u and email_status = 'SENDING'
        """).param("st", status).param("r", reason).param("now", Timestamp.from(clock.instant()))
        .param("s", slotId).param("u", username).update();
  }
}
