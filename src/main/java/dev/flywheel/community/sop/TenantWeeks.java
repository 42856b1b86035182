package dev.flywheel.community.sop;

import dev.flywheel.platform.tenancy.Tenant;
import dev.flywheel.platform.tenancy.Tenants;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import org.springframework.stereotype.Component;

/** Weeks as the tenant sees them: Monday to Sunday in the tenant's time zone. */
@Component
public class TenantWeeks {
  private final Tenants tenants;

  TenantWeeks(Tenants tenants) {
    this.tenants = tenants;
  }

  public ZoneId zone(long tenantId) {
    return tenants.find(tenantId).map(Tenant::timeZone).orElse(ZoneOffset.UTC);
  }

  public static LocalDate monday(LocalDate anyDay) {
    return anyDay.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  public LocalDate mondayOf(long tenantId, Instant instant) {
    return monday(LocalDate.ofInstant(instant, zone(tenantId)));
  }

  public Instant start(long tenantId, LocalDate monday) {
    return monday.atStartOfDay(zone(tenantId)).toInstant();
  }

  public Instant end(long tenantId, LocalDate monday) {
    return monday.plusWeeks(1).atStartOfDay(zone(tenantId)).toInstant();
  }
}
