package dev.flywheel.platform.customersession;

import dev.flywheel.platform.tenancy.TenantPrincipal;

/** A finance-app customer on an H5 page or a customer endpoint, from a verified session token. */
public record CustomerPrincipal(long tenantId, String customerId) implements TenantPrincipal {
  @Override
  public String actor() {
    return "customer:" + customerId;
  }
}
