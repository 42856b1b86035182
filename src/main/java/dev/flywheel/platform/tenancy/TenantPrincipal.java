package dev.flywheel.platform.tenancy;

/** Anything authenticated in Flywheel acts for exactly one tenant. */
public interface TenantPrincipal {
  long tenantId();

  /** Who did it, for audit trails: a username or {@code api-key:<id>}. */
  String actor();
}
