package dev.flywheel.journey.run;

import dev.flywheel.journey.store.JourneyJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code journey_runs}, {@code journey_steps} and {@code journey_milestones} tables. */
@Component
class RunStore {
  private static final String COLUMNS = """
      select id, tenant_id, journey_id, version, customer_id, status, step_key, step_seq, due_at, waiting_event,
        context::text, entered_at from journey_runs""";
  private final JdbcClient jdbc;
  private final JourneyJson json;

  RunStore(JdbcClient jdbc, JourneyJson json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Inserts a run at its first step, due now; empty when the entry key or an in-flight run exists. */
  Optional<Long> enter(long tenantId, long journeyId, int version, String customerId, String firstStep,
      String entryKey, Map<String, Object> context, Instant now) {
    return jdbc.sql("""
            insert into journey_runs (tenant_id, journey_id, version, customer_id, status, step_key, step_seq, due_at,
              entry_key, context, entered_at)
            values (:t, :j, :v, :c, 'ACTIVE', :step, 0, :now, :entry, cast(:context as jsonb), :now)
            on conflict do nothing returning id""")
        .param("t", tenantId).param("j", journeyId).param("v", version).param("c", customerId)
        .param("step", firstStep).param("entry", entryKey).param("context", json.write(context))
        .param("now", Timestamp.from(now))
        .query(Long.class).optional();
  }

  boolean everEntered(long tenantId, long journeyId, String customerId) {
    return jdbc.sql("select exists(select 1 from journey_runs where tenant_id = :t and journey_id = :j and customer_id = :c)")
        .param("t", tenantId).param("j", journeyId).param("c", customerId).query(Boolean.class).single();
  }

  /** Locks a run that is still in flight. */
  Optional<RunRow> lock(long runId) {
    return jdbc.sql(COLUMNS + " where id = :id and status <> 'DONE' for update").param("id", runId)
        .query(this::row).optional();
  }

  /** The customer's runs in flight, locked, oldest first. */
  List<RunRow> lockInFlight(long tenantId, String customerId) {
    return jdbc.sql(COLUMNS + " where tenant_id = :t and customer_id = :c and status <> 'DONE' order by id for update")
        .param("t", tenantId).param("c", customerId).query(this::row).list();
  }

  /** Runs due by {@code now}: [run id, step seq]; skips rows another node holds. */
  List<long[]> due(Instant now, int limit) {
    return jdbc.sql("""
            select r.id, r.step_seq from journey_runs r
            join journeys j on j.tenant_id = r.tenant_id and j.id = r.journey_id and j.status = 'ACTIVE'
            where r.status <> 'DONE' and r.due_at <= :now
            order by r.due_at limit :limit for update of r skip locked""")
        .param("now", Timestamp.from(now)).param("limit", limit)
        .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
  }

  void moveTo(long runId, String stepKey, int seq, Instant dueAt, String waitingEvent, String lastStep) {
    jdbc.sql("""
            update journey_runs set status = :status, step_key = :step, step_seq = :seq, due_at = :due,
              waiting_event = :waiting, last_step_key = :last where id = :id""")
        .param("status", waitingEvent == null ? "ACTIVE" : "WAITING").param("step", stepKey).param("seq", seq)
        .param("due", Timestamp.from(dueAt)).param("waiting", waitingEvent).param("last", lastStep)
        .param("id", runId).update();
  }

  void end(long runId, String reason, String lastStep, Instant now) {
    jdbc.sql("""
            update journey_runs set status = 'DONE', exit_reason = :reason, ended_at = :now, due_at = null,
              waiting_event = null, last_step_key = coalesce(:last, last_step_key) where id = :id""")
        .param("reason", reason).param("now", Timestamp.from(now)).param("last", lastStep).param("id", runId).update();
  }

  /** Records an executed step; the primary key (run, seq) refuses a second execution. */
  void log(RunRow run, int seq, String stepKey, String type, StepOutcome outcome, Instant now) {
    jdbc.sql("""
            insert into journey_steps (run_id, seq, tenant_id, journey_id, version, step_key, step_type, outcome, arm,
              channel, message_id, variant, at)
            values (:run, :seq, :t, :j, :v, :step, :type, :outcome, :arm, :channel, :message, :variant, :now)""")
        .param("run", run.id()).param("seq", seq).param("t", run.tenantId()).param("j", run.journeyId())
        .param("v", run.version()).param("step", stepKey).param("type", type).param("outcome", outcome.outcome())
        .param("arm", outcome.arm()).param("channel", outcome.channel()).param("message", outcome.messageId())
        .param("variant", outcome.variant()).param("now", Timestamp.from(now)).update();
  }

  /** Channels this run has sent through already. */
  /** The message of the run's latest phone-task step that reach accepted. */
  java.util.Optional<Long> lastPhoneTask(long runId) {
    return jdbc.sql("""
            select message_id from journey_steps
            where run_id = :run and step_type = 'PHONE_TASK' and message_id is not null
            order by seq desc limit 1""")
        .param("run", runId).query(Long.class).optional();
  }

  /** Whether a step of the run planned this reach message. */
  boolean sentMessage(long runId, long messageId) {
    return jdbc.sql("select exists (select 1 from journey_steps where run_id = :run and message_id = :message)")
        .param("run", runId).param("message", messageId).query(Boolean.class).single();
  }

  List<String> usedChannels(long runId) {
    return jdbc.sql("select distinct channel from journey_steps where run_id = :run and channel is not null and message_id is not null")
        .param("run", runId).query(String.class).list();
  }

  void milestone(RunRow run, String eventType, Instant at) {
    jdbc.sql("""
            insert into journey_milestones (run_id, event_type, tenant_id, journey_id, at)
            values (:run, :type, :t, :j, :at) on conflict do nothing""")
        .param("run", run.id()).param("type", eventType).param("t", run.tenantId()).param("j", run.journeyId())
        .param("at", Timestamp.from(at)).update();
  }

  private RunRow row(ResultSet rs, int n) throws SQLException {
    Timestamp due = rs.getTimestamp(9);
    return new RunRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4), rs.getString(5), rs.getString(6),
        rs.getString(7), rs.getInt(8), due == null ? null : due.toInstant(), rs.getString(10),
        json.map(rs.getString(11)), rs.getTimestamp(12).toInstant());
  }
}
