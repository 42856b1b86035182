package dev.flywheel.console;

import dev.flywheel.platform.tenancy.Tenant;
import dev.flywheel.platform.tenancy.Tenants;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;

/** The tenant's wall clock: pages show days and times in the tenant's zone, not the server's. */
@Component
class TenantCalendar {
  private final Tenants tenants;
  private final Clock clock;

  TenantCalendar(Tenants tenants, Clock clock) {
    this.tenants = tenants;
    this.clock = clock;
  }

  ZoneId zone(long tenantId) {
    return tenants.find(tenantId).map(Tenant::timeZone).orElse(ZoneOffset.UTC);
  }

  java.time.LocalDateTime now(ZoneId zone) {
    return java.time.LocalDateTime.ofInstant(clock.instant(), zone);
  }

  LocalDate today(ZoneId zone) {
    return LocalDate.ofInstant(clock.instant(), zone);
  }
}
