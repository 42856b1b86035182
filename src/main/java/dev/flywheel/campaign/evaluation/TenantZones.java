package dev.flywheel.campaign.evaluation;

import dev.flywheel.platform.tenancy.Tenant;
import dev.flywheel.platform.tenancy.Tenants;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** Tenants' time zones (days and weeks of counters and caps), cached: a tenant's zone is fixed. */
@Component
class TenantZones {
  private final Tenants tenants;
  private final Map<Long, ZoneId> zones = new ConcurrentHashMap<>();

  TenantZones(Tenants tenants) {
    this.tenants = tenants;
  }

  ZoneId of(long tenantId) {
    return zones.computeIfAbsent(tenantId, id -> tenants.find(id).map(Tenant::timeZone).orElse(ZoneOffset.UTC));
  }
}
