package dev.flywheel.reach.delivery;

import dev.flywheel.customer.CustomerProfile;
import dev.flywheel.customer.Customers;
import dev.flywheel.reach.MessageStatus;
import dev.flywheel.reach.PhoneTaskOutcome;
import dev.flywheel.reach.delivery.send.StatusMoves;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The employees' call queue. Claiming is a conditional update ({@code OPEN → CLAIMED}); "take
 * the next task" picks it with {@code FOR UPDATE SKIP LOCKED}, so concurrent employees never get
 * the same task and never wait on each other. Only the employee holding a task records its outcome,
 * which publishes {@link PhoneTaskOutcome} and moves the message (reached/promised/refused:
 * DELIVERED; no answer: FAILED {@code no-answer}) in one transaction. Tenant-scoped, thread-safe.
 */
@Service
public class PhoneTasks {
  private static final String SELECT = """
      select t.*, m.source from reach_phone_tasks t join reach_messages m on m.id = t.message_id
      """;
  private final JdbcClient jdbc;
  private final Customers customers;
  private final StatusMoves moves;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  PhoneTasks(JdbcClient jdbc, Customers customers, StatusMoves moves, ApplicationEventPublisher events, Clock clock) {
    this.jdbc = jdbc;
    this.customers = customers;
    this.moves = moves;
    this.events = events;
    this.clock = clock;
  }

  /** A recorded outcome, or why not. */
  public sealed interface Recording {
    record Recorded(PhoneTaskOutcome outcome) implements Recording {}

    /** {@code not-found}, or {@code not-yours} when the task is not claimed by this employee. */
    record Refused(String reason) implements Recording {}
  }

  /** Tasks in one status, oldest first; {@code size} capped at 200. */
  public List<PhoneTask> list(long tenantId, PhoneTask.Status status, int page, int size) {
    int limit = Math.clamp(size, 1, 200);
    return jdbc.sql(SELECT + " where t.tenant_id = :tenant and t.status = :status"
            + " order by t.created_at, t.message_id limit :limit offset :offset")
        .param("tenant", tenantId).param("status", status.name()).param("limit", limit)
        .param("offset", Math.max(0, page) * limit)
        .query(this::map).list();
  }

  public long count(long tenantId, PhoneTask.Status status) {
    return jdbc.sql("select count(*) from reach_phone_tasks where tenant_id = :tenant and status = :status")
        .param("tenant", tenantId).param("status", status.name()).query(Long.class).single();
  }

  /** The tasks an employee holds now. */
  public List<PhoneTask> claimedBy(long tenantId, String employee) {
    return jdbc.sql(SELECT + " where t.tenant_id = :tenant and t.status = 'CLAIMED' and t.claimed_by = :who"
            + " order by t.claimed_at, t.message_id")
        .param("tenant", tenantId).param("who", employee).query(this::map).list();
  }

  public Optional<PhoneTask> find(long tenantId, long messageId) {
    return jdbc.sql(SELECT + " where t.tenant_id = :tenant and t.message_id = :id")
        .param("tenant", tenantId).param("id", messageId).query(this::map).optional();
  }

  /** Claims one task; empty when it is unknown or someone else has it already. */
  @Transactional
  public Optional<PhoneTask> claim(long tenantId, long messageId, String employee) {
    return jdbc.sql("""
            update reach_phone_tasks set status = 'CLAIMED', claimed_by = :who, claimed_at = :now
            where tenant_id = :tenant and message_id = :id and status = 'OPEN'
            returning message_id""")
        .param("tenant", tenantId).param("id", messageId).param("who", employee)
        .param("now", Timestamp.from(clock.instant()))
        .query(Long.class).optional().flatMap(id -> find(tenantId, id));
  }

  /** Claims the oldest open task nobody else is claiming right now; empty when none is left. */
  @Transactional
  public Optional<PhoneTask> claimNext(long tenantId, String employee) {
    return jdbc.sql("""
            update reach_phone_tasks t set status = 'CLAIMED', claimed_by = :who, claimed_at = :now
            where t.message_id = (
                select message_id from reach_phone_tasks
                where tenant_id = :tenant and status = 'OPEN'
                order by created_at, message_id limit 1
                for update skip locked)
              and t.status = 'OPEN'
            returning t.message_id""")
        .param("tenant", tenantId).param("who", employee).param("now", Timestamp.from(clock.instant()))
        .query(Long.class).optional().flatMap(id -> find(tenantId, id));
  }

  /** Records how the call went; only the employee who claimed the task may. */
  @Transactional
  public Recording record(long tenantId, long messageId, String employee, PhoneTaskOutcome.Outcome outcome,
      String note) {
    Instant now = clock.instant();
    String cleanNote = note == null || note.isBlank() ? null : note.strip();
    Optional<String> customerId = jdbc.sql("""
            update reach_phone_tasks set status = 'DONE', outcome = :outcome, note = :note, recorded_at = :now
            where tenant_id = :tenant and message_id = :id and status = 'CLAIMED' and claimed_by = :who
            returning customer_id""")
        .param("tenant", tenantId).param("id", messageId).param("who", employee).param("outcome", outcome.name())
        .param("note", cleanNote).param("now", Timestamp.from(now)).query(String.class).optional();
    if (customerId.isEmpty()) {
      return new Recording.Refused(find(tenantId, messageId).isPresent() ? "not-yours" : "not-found");
    }
    String source = jdbc.sql("select source from reach_messages where id = :id").param("id", messageId)
        .query(String.class).single();
    PhoneTaskOutcome event = new PhoneTaskOutcome(tenantId, messageId, customerId.get(), source, outcome,
        cleanNote, employee, now);
    if (outcome == PhoneTaskOutcome.Outcome.NO_ANSWER) {
      moves.move(tenantId, messageId, MessageStatus.FAILED, "no-answer", now);
    } else {
      moves.move(tenantId, messageId, MessageStatus.DELIVERED, null, now);
    }
    events.publishEvent(event);
    return new Recording.Recorded(event);
  }

  private PhoneTask map(ResultSet rs, int row) throws SQLException {
    long tenantId = rs.getLong("tenant_id");
    String customerId = rs.getString("customer_id");
    PhoneTask.Context context = customers.find(tenantId, customerId).map(PhoneTasks::context)
        .orElse(new PhoneTask.Context(null, null, null, null, List.of()));
    String outcome = rs.getString("outcome");
    return new PhoneTask(rs.getLong("message_id"), customerId, context, rs.getString("title"),
        rs.getString("script"), rs.getString("source"), PhoneTask.Status.valueOf(rs.getString("status")),
        rs.getString("claimed_by"), instant(rs, "claimed_at"),
        outcome == null ? null : PhoneTaskOutcome.Outcome.valueOf(outcome), rs.getString("note"),
        instant(rs, "recorded_at"), instant(rs, "created_at"));
  }

  private static PhoneTask.Context context(CustomerProfile c) {
    return new PhoneTask.Context(c.displayNameMasked(), c.phoneMasked(), c.loan().stage().name(),
        c.lifecycle().stage().name(), c.tags());
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
