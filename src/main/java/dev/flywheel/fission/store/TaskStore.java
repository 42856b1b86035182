package dev.flywheel.fission.store;

import dev.flywheel.fission.Help;
import dev.flywheel.fission.Task;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for tasks, helps and the live code's contacts. */
@Repository
public class TaskStore {
  private static final String SELECT = "select * from fission_tasks";
  private final JdbcClient jdbc;

  TaskStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Starts the customer's task, or answers the one they have (one per customer and activity). */
  public Task start(long tenantId, long activityId, String customerId, Long employeeId, String deviceId,
      int needed, Instant now) {
    jdbc.sql("""
        insert into fission_tasks (tenant_id, activity_id, customer_id, employee_id, device_id, helpers_needed, started_at)
        values (:t, :a, :c, :e, :d, :n, :now) on conflict (activity_id, customer_id) do nothing
        """).param("t", tenantId).param("a", activityId).param("c", customerId).param("e", employeeId)
        .param("d", deviceId).param("n", needed).param("now", Timestamp.from(now)).update();
    return byCustomer(activityId, customerId).orElseThrow();
  }

  public Optional<Task> find(long tenantId, long id) {
    return jdbc.sql(SELECT + " where tenant_id = :t and id = :id").param("t", tenantId).param("id", id)
        .query(TaskStore::map).optional();
  }

  public Optional<Task> byCustomer(long activityId, String customerId) {
    return jdbc.sql(SELECT + " where activity_id = :a and customer_id = :c").param("a", activityId)
        .param("c", customerId).query(TaskStore::map).optional();
  }

  public Optional<Task> lock(long tenantId, long id) {
    return jdbc.sql(SELECT + " where tenant_id = :t and id = :id for update").param("t", tenantId).param("id", id)
        .query(TaskStore::map).optional();
  }

  public String deviceOf(long taskId) {
    return jdbc.sql("select device_id from fission_tasks where id = :id").param("id", taskId)
        .query(String.class).optional().orElse(null);
  }

  /**
   * Counts one help if the task is not full: the one statement that makes "exactly N" true under
   * any concurrency (the row lock serialises helpers of a task; {@code helps < helpers_needed}
   * refuses the N+1st). Empty = full.
   */
  public Optional<Integer> countHelp(long taskId, Instant now) {
    return jdbc.sql("""
        update fission_tasks set helps = helps + 1,
          completed_at = case when helps + 1 = helpers_needed then :now else completed_at end
        where id = :id and helps < helpers_needed returning helps
        """).param("id", taskId).param("now", Timestamp.from(now)).query(Integer.class).optional();
  }

  /** Inserts a help; false when a unique key (same task, or another task with one-task-per-helper) says no. */
  public boolean insertHelp(long tenantId, long activityId, long taskId, String helperId, boolean exclusive,
      String deviceId, String ip, boolean isNew, String status, List<String> flags, Instant now) {
    return jdbc.sql("""
        insert into fission_helps (tenant_id, activity_id, task_id, helper_id, exclusive_helper, device_id, ip,
          is_new, status, flags, created_at)
        values (:t, :a, :task, :h, :ex, :d, :ip, :new, :status, coalesce(string_to_array(:flags, ','), '{}'), :now)
        on conflict do nothing
        """).param("t", tenantId).param("a", activityId).param("task", taskId).param("h", helperId)
        .param("ex", exclusive ? helperId : null).param("d", deviceId).param("ip", ip).param("new", isNew)
        .param("status", status).param("flags", flags.isEmpty() ? null : String.join(",", flags))
        .param("now", Timestamp.from(now)).update() == 1;
  }

  /** Which of the helper's earlier helps in the activity blocks this one: "task", "activity" or empty. */
  public Optional<String> earlierHelp(long activityId, long taskId, String helperId) {
    return jdbc.sql("""
        select case when task_id = :task then 'task' else 'activity' end from fission_helps
        where activity_id = :a and helper_id = :h order by (task_id = :task) desc limit 1
        """).param("a", activityId).param("task", taskId).param("h", helperId).query(String.class).optional();
  }

  /** Distinct other tasks this device / IP already helped in the activity. */
  public long tasksHelpedFrom(long activityId, String column, String value) {
    if (value == null || value.isBlank()) {
      return 0;
    }
    String col = column.equals("ip") ? "ip" : "device_id";
    return jdbc.sql("select count(distinct task_id) from fission_helps where activity_id = :a and " + col + " = :v")
        .param("a", activityId).param("v", value).query(Long.class).single();
  }

  public List<Help> helps(long taskId) {
    return jdbc.sql("select * from fission_helps where task_id = :id order by id").param("id", taskId)
        .query(TaskStore::help).list();
  }

  public List<Help> held(long tenantId, long activityId) {
    return jdbc.sql("select * from fission_helps where tenant_id = :t and activity_id = :a and status = 'HELD' order by id")
        .param("t", tenantId).param("a", activityId).query(TaskStore::help).list();
  }

  public Optional<Help> lockHeld(long tenantId, long helpId) {
    return jdbc.sql("select * from fission_helps where tenant_id = :t and id = :id and status = 'HELD' for update")
        .param("t", tenantId).param("id", helpId).query(TaskStore::help).optional();
  }

  public void review(long helpId, String status, String actor, Instant now) {
    jdbc.sql("update fission_helps set status = :s, reviewed_by = :by, reviewed_at = :now where id = :id")
        .param("s", status).param("by", actor).param("now", Timestamp.from(now)).param("id", helpId).update();
  }

  public void redeemed(long taskId, long grantId, String actor, Instant now) {
    jdbc.sql("update fission_tasks set redeemed_at = :now, redeemed_by = :by, grant_id = :g where id = :id")
        .param("now", Timestamp.from(now)).param("by", actor).param("g", grantId).param("id", taskId).update();
  }

  public long redeemedCount(long activityId) {
    return jdbc.sql("select count(*) from fission_tasks where activity_id = :a and redeemed_at is not null")
        .param("a", activityId).query(Long.class).single();
  }

  /** The live code's employee of a customer in an activity, if one was assigned. */
  public Optional<Long> contact(long activityId, String customerId) {
    return jdbc.sql("select user_id from fission_contacts where activity_id = :a and customer_id = :c")
        .param("a", activityId).param("c", customerId).query(Long.class).optional();
  }

  public boolean addContact(long activityId, String customerId, long userId, Instant now) {
    return jdbc.sql("""
        insert into fission_contacts (activity_id, customer_id, user_id, created_at) values (:a, :c, :u, :now)
        on conflict do nothing
        """).param("a", activityId).param("c", customerId).param("u", userId).param("now", Timestamp.from(now))
        .update() == 1;
  }

  static Task map(ResultSet rs, int row) throws SQLException {
    return new Task(rs.getLong("id"), rs.getLong("tenant_id"), rs.getLong("activity_id"), rs.getString("customer_id"),
        (Long) rs.getObject("employee_id"), rs.getInt("helps"), rs.getInt("helpers_needed"),
        instant(rs, "started_at"), instant(rs, "completed_at"), instant(rs, "redeemed_at"),
        (Long) rs.getObject("grant_id"));
  }

  private static Help help(ResultSet rs, int row) throws SQLException {
    java.sql.Array flags = rs.getArray("flags");
    return new Help(rs.getLong("id"), rs.getLong("activity_id"), rs.getLong("task_id"), rs.getString("helper_id"),
        rs.getString("status"), flags == null ? List.of() : List.of((String[]) flags.getArray()),
        rs.getBoolean("is_new"), instant(rs, "created_at"));
  }

  private static Instant instant(ResultSet rs, String col) throws SQLException {
    Timestamp t = rs.getTimestamp(col);
    return t == null ? null : t.toInstant();
  }
}
