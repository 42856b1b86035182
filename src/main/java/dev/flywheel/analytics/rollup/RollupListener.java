package dev.flywheel.analytics.rollup;

import dev.flywheel.customer.LifecycleStageChanged;
import dev.flywheel.customer.LoanStageChanged;
import dev.flywheel.event.EventAccepted;
import dev.flywheel.platform.batch.TransactionBuffers;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the rollups fresh inside the ingestion transaction: accepted events are buffered per
 * transaction and written set-based just before commit (a 1,000-event batch costs a handful of
 * statements), so an event and its rollups commit or roll back together. Outside a transaction
 * an event is applied at once in one of its own. Lifecycle-stage changes are counted per day, and
 * loan- and lifecycle-stage transitions per day and (from, to) pair.
 */
@Component
class RollupListener {
  private final Object key = new Object();
  private final RollupWriter writer;
  private final TransactionTemplate transactions;
  private final JdbcClient jdbc;
  private final LiveSwitch live;

  RollupListener(RollupWriter writer, TransactionTemplate transactions, JdbcClient jdbc, LiveSwitch live) {
    this.live = live;
    this.writer = writer;
    this.transactions = transactions;
    this.jdbc = jdbc;
  }

  @EventListener
  void on(EventAccepted event) {
    if (!live.live()) {
      return;
    }
    if (!TransactionBuffers.active()) {
      transactions.executeWithoutResult(status -> writer.apply(event.tenantId(), List.of(event)));
      return;
    }
    Buffer buffer = TransactionBuffers.bound(key, Buffer::new);
    buffer.events.add(event);
  }

  @EventListener
  void on(LifecycleStageChanged change) {
    LocalDate day = LocalDate.ofInstant(change.at(), ZoneOffset.UTC);
    jdbc.sql("""
            insert into analytics_lifecycle_daily as l (tenant_id, day, stage, entered, exited)
            select :tenant, :day, s.stage, s.entered, s.exited
            from (values (cast(:to as text), 1, 0), (cast(:from as text), 0, 1)) as s(stage, entered, exited)
            where s.stage is not null
            on conflict (tenant_id, day, stage) do update set
              entered = l.entered + excluded.entered, exited = l.exited + excluded.exited""")
        .param("tenant", change.tenantId()).param("day", Date.valueOf(day))
        .param("to", change.to().name()).param("from", change.from() == null ? null : change.from().name())
        .update();
    countFlow(change.tenantId(), day, "LIFECYCLE", change.from() == null ? "" : change.from().name(), change.to().name());
  }

  @EventListener
  void on(LoanStageChanged change) {
    countFlow(change.tenantId(), LocalDate.ofInstant(change.at(), ZoneOffset.UTC), "LOAN",
        change.from() == null ? "" : change.from().name(), change.to().name());
  }

  private void countFlow(long tenantId, LocalDate day, String kind, String from, String to) {
    jdbc.sql("""
            insert into analytics_flow_daily as f (tenant_id, day, kind, from_stage, to_stage, transitions)
            values (:tenant, :day, :kind, :from, :to, 1)
            on conflict (tenant_id, day, kind, from_stage, to_stage) do update set transitions = f.transitions + 1""")
        .param("tenant", tenantId).param("day", Date.valueOf(day)).param("kind", kind)
        .param("from", from).param("to", to).update();
  }

  private final class Buffer implements TransactionSynchronization {
    private final List<EventAccepted> events = new ArrayList<>();

    @Override
    public void beforeCommit(boolean readOnly) {
      Map<Long, List<EventAccepted>> byTenant = new LinkedHashMap<>();
      events.forEach(e -> byTenant.computeIfAbsent(e.tenantId(), t -> new ArrayList<>()).add(e));
      events.clear();
      byTenant.forEach(writer::apply);
    }

    @Override
    public void afterCompletion(int status) {
      TransactionSynchronizationManager.unbindResourceIfPossible(key);
    }
  }
}
