package dev.flywheel.customer.stage;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.flywheel.customer.LifecycleSettings;
import dev.flywheel.customer.LifecycleStage;
import dev.flywheel.customer.LifecycleStageChanged;
import dev.flywheel.platform.tenancy.Tenant;
import dev.flywheel.platform.tenancy.Tenants;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily lifecycle recomputation: time passing moves customers (NEW → TO_BE_RETAINED/ACTIVE,
 * ACTIVE → POTENTIALLY_DORMANT → DORMANT) without any event. One set-based statement per tenant
 * computes every stage with {@link LifecycleRule}'s rule in SQL, updates only the rows that move,
 * and records their history; the moves are then published as {@link LifecycleStageChanged}.
 * Idempotent: a second run at the same instant moves nothing.
 */
@Component
public class LifecycleJob {
  static final String CAUSE = "daily-recompute";

  private final JdbcClient jdbc;
  private final Tenants tenants;
  private final LifecycleSettingsStore settings;
  private final ApplicationEventPublisher publisher;
  private final TransactionTemplate transactions;

  LifecycleJob(JdbcClient jdbc, Tenants tenants, LifecycleSettingsStore settings,
      ApplicationEventPublisher publisher, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.tenants = tenants;
    this.settings = settings;
    this.publisher = publisher;
    this.transactions = transactions;
  }

  /** Recomputes every tenant, one transaction each; returns how many customers moved. */
  public int recomputeAll(Instant now) {
    int moved = 0;
    for (Tenant tenant : tenants.all()) {
      moved += recompute(tenant.id(), now);
    }
    return moved;
  }

  /** Recomputes one tenant in one transaction; returns how many customers moved. */
  public int recompute(long tenantId, Instant now) {
    Integer moved = transactions.execute(status -> {
      List<LifecycleStageChanged> changes = move(tenantId, now, settings.find(tenantId));
      changes.forEach(publisher::publishEvent);
      return changes.size();
    });
    return moved == null ? 0 : moved;
  }

  private List<LifecycleStageChanged> move(long tenantId, Instant now, LifecycleSettings s) {
    return jdbc.sql("""
            with computed as (
              select c.id, c.lifecycle_stage as old_stage,
                case
                  when coalesce(c.registered_at, c.created_at) > cast(:now as timestamptz) - make_interval(days => :newDays)
                    then 'NEW'
                  when coalesce(c.last_active_at, c.registered_at, c.created_at)
                       < cast(:now as timestamptz) - make_interval(days => :dormantAfter) then 'DORMANT'
                  when coalesce(c.last_active_at, c.registered_at, c.created_at)
                       < cast(:now as timestamptz) - make_interval(days => :activeWithin) then 'POTENTIALLY_DORMANT'
                  when c.active_days < :minActive then 'TO_BE_RETAINED'
                  else 'ACTIVE'
                end as new_stage
              from customers c
              where c.tenant_id = :tenant
            ), moved as (
              update customers c
              set lifecycle_stage = m.new_stage, lifecycle_stage_at = :now, updated_at = :now
              from computed m
              where c.tenant_id = :tenant and c.id = m.id and m.new_stage <> m.old_stage
              returning c.id, m.old_stage, m.new_stage
            ), logged as (
              insert into customer_stage_history (tenant_id, customer_id, kind, from_stage, to_stage, at, cause)
              select :tenant, id, 'LIFECYCLE', old_stage, new_stage, :now, :cause from moved
            )
            select id, old_stage, new_stage from moved""")
        .param("tenant", tenantId).param("now", Timestamp.from(now)).param("cause", CAUSE)
        .param("newDays", s.newDays()).param("dormantAfter", s.dormantAfterDays())
        .param("activeWithin", s.activeWithinDays()).param("minActive", s.retainMinActiveDays())
        .query((rs, n) -> new LifecycleStageChanged(tenantId, rs.getString(1),
            LifecycleStage.valueOf(rs.getString(2)), LifecycleStage.valueOf(rs.getString(3)), now,
            false, CAUSE))
        .list();
  }

  @Configuration(proxyBeanMethods = false)
  static class Schedule {
    /** Runs at 02:00 UTC every day; db-scheduler makes sure one node runs it. */
    @Bean
    RecurringTask<Void> lifecycleRecomputeTask(LifecycleJob job, Clock clock) {
      return Tasks.recurring("customer-lifecycle-recompute", Schedules.daily(LocalTime.of(2, 0)))
          .execute((instance, context) -> job.recomputeAll(clock.instant()));
    }
  }
}
