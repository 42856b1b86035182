package dev.flywheel.platform.security;

import dev.flywheel.platform.tenancy.TenantPrincipal;

/** The finance app's backend, authenticated by an API key. */
public record ApiClient(long tenantId, long keyId, String keyName) implements TenantPrincipal {
  @Override
  public String actor() {
    return "api-key:" + keyId;
  }
}
