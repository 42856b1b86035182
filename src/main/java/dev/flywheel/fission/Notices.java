package dev.flywheel.fission;

import dev.flywheel.platform.security.ConsoleUser;
import dev.flywheel.platform.security.ConsoleUsers;
import dev.flywheel.platform.security.Role;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The employees' in-console notification list ({@code fission_notifications}): the activity was
 * created / starts soon / started (participating employees: every EMPLOYEE, or those of the
 * activity's organisation unit), and "contact your customer to redeem" when a task completes.
 * One notice per (activity, employee, kind): a reminder firing twice notifies once. Each new
 * notice is also e-mailed once to the employee ({@link NoticeMail}; address = the console
 * username when it is an e-mail address), retried with backoff while the mail server is
 * unavailable, its outcome recorded on the notice.
 */
@Component
public class Notices {
  private final JdbcClient jdbc;
  private final ConsoleUsers users;
  private final Clock clock;
  private final NoticeMail mail;

  Notices(JdbcClient jdbc, ConsoleUsers users, Clock clock, NoticeMail mail) {
    this.jdbc = jdbc;
    this.users = users;
    this.clock = clock;
    this.mail = mail;
  }

  public record Notice(long id, long activityId, String activityName, String kind, String body, Instant createdAt) {}

  /** The console users taking part: EMPLOYEE role, and in the activity's organisation unit if it has one. */
  public List<ConsoleUser> participants(long tenantId, String orgUnit) {
    List<ConsoleUser> employees = users.list(tenantId).stream().filter(u -> u.roles().contains(Role.EMPLOYEE)).toList();
    if (orgUnit == null || orgUnit.isBlank()) {
      return employees;
    }
    List<Long> inUnit = jdbc.sql("select user_id from fission_employees where tenant_id = :t and org_unit = :o")
        .param("t", tenantId).param("o", orgUnit).query(Long.class).list();
    return employees.stream().filter(u -> inUnit.contains(u.id())).toList();
  }

  void notifyEmployees(long tenantId, long activityId, String kind) {
    var row = jdbc.sql("select name, employee_org_unit, employee_script from fission_activities where tenant_id = :t and id = :id")
        .param("t", tenantId).param("id", activityId)
        .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).optional();
    if (row.isEmpty()) {
      return;
    }
    String body = switch (kind) {
      case "created" -> "New fission activity \"" + row.get()[0] + "\". Script: " + row.get()[2];
      case "before" -> "Fission activity \"" + row.get()[0] + "\" starts soon: prepare your customers";
      default -> "Fission activity \"" + row.get()[0] + "\" has started: send the script to your recommended customers";
    };
    List<Long> added = new java.util.ArrayList<>();
    for (ConsoleUser u : participants(tenantId, row.get()[1])) {
      insert(tenantId, u, activityId, kind, body).ifPresent(added::add);
    }
    mail.afterCommit(tenantId, added);
  }

  @TransactionalEventListener(fallbackExecution = true)
  void completed(TaskProgress progress) {
    if (progress.helps() < progress.needed()) {
      return;
    }
    jdbc.sql("select activity_id, employee_id, customer_id from fission_tasks where id = :id and employee_id is not null")
        .param("id", progress.taskId())
        .query((rs, i) -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3)}).optional()
        .ifPresent(t -> users.find(progress.tenantId(), (Long) t[1]).flatMap(u ->
            insert(progress.tenantId(), u, (Long) t[0], "completed-" + progress.taskId(),
                "Customer " + t[2] + " completed task " + progress.taskId() + ": contact them to redeem the reward"))
            .ifPresent(id -> mail.afterCommit(progress.tenantId(), List.of(id))));
  }

  /** The new notice's id, or empty when this (activity, employee, kind) was already notified. */
  private java.util.Optional<Long> insert(long tenantId, ConsoleUser user, long activityId, String kind, String body) {
    return jdbc.sql("""
        insert into fission_notifications (tenant_id, user_id, activity_id, kind, body, created_at, email_to, email_status, email_next_at)
        values (:t, :u, :a, :k, :b, :now, :to, 'PENDING', :now) on conflict do nothing returning id
        """).param("t", tenantId).param("u", user.id()).param("a", activityId).param("k", kind).param("b", body)
        .param("now", Timestamp.from(clock.instant())).param("to", user.emailAddress().orElse(null))
        .query(Long.class).optional();
  }

  /**
   * The durable retry of employee e-mails (task {@code fission-notice-mail}): tries every e-mail
   * whose next attempt is due; answers how many were tried. Safe on several nodes at once.
   */
  public int retryEmails() {
    return mail.retryDue();
  }

  public List<Notice> forEmployee(long tenantId, long userId) {
    return jdbc.sql("""
        select n.id, n.activity_id, a.name, n.kind, n.body, n.created_at from fission_notifications n
        join fission_activities a on a.id = n.activity_id
        where n.tenant_id = :t and n.user_id = :u order by n.id desc limit 100
        """).param("t", tenantId).param("u", userId)
        .query((rs, i) -> new Notice(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getTimestamp(6).toInstant())).list();
  }
}
