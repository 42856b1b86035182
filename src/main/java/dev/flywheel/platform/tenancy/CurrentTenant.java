package dev.flywheel.platform.tenancy;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The tenant of the current request, from its authentication. */
@Component
public class CurrentTenant {

  /** @throws IllegalStateException when called outside an authenticated request */
  public long id() {
    return principal().tenantId();
  }

  public String actor() {
    return principal().actor();
  }

  public TenantPrincipal principal() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth != null && auth.getPrincipal() instanceof TenantPrincipal p) {
      return p;
    }
    throw new IllegalStateException("no tenant in this request");
  }
}
