package dev.flywheel.customer.stage;

import dev.flywheel.customer.LifecycleSettings;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads and writes {@code lifecycle_settings}; a tenant without a row has the defaults. */
@Component
public class LifecycleSettingsStore {
  private final JdbcClient jdbc;
  private final Clock clock;

  LifecycleSettingsStore(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public LifecycleSettings find(long tenantId) {
    return jdbc.sql("""
            select new_days, retain_min_active_days, active_within_days, dormant_after_days
            from lifecycle_settings where tenant_id = :tenant""")
        .param("tenant", tenantId)
        .query((rs, n) -> new LifecycleSettings(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)))
        .optional().orElse(LifecycleSettings.DEFAULTS);
  }

  /** Idempotent upsert; the caller has validated the values (the table checks them again). */
  public void save(long tenantId, LifecycleSettings s) {
    jdbc.sql("""
            insert into lifecycle_settings (tenant_id, new_days, retain_min_active_days,
              active_within_days, dormant_after_days, updated_at)
            values (:tenant, :newDays, :minActive, :activeWithin, :dormantAfter, :now)
            on conflict (tenant_id) do update set new_days = excluded.new_days,
              retain_min_active_days = excluded.retain_min_active_days,
              active_within_days = excluded.active_within_days,
              dormant_after_days = excluded.dormant_after_days, updated_at = excluded.updated_at""")
        .param("tenant", tenantId).param("newDays", s.newDays()).param("minActive", s.retainMinActiveDays())
        .param("activeWithin", s.activeWithinDays()).param("dormantAfter", s.dormantAfterDays())
        .param("now", Timestamp.from(clock.instant()))
        .update();
  }
}
