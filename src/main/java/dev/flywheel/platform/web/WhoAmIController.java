package dev.flywheel.platform.web;

import dev.flywheel.platform.tenancy.CurrentTenant;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lets an integrator check that their API key works and which tenant it belongs to. */
@RestController
class WhoAmIController {
  private final CurrentTenant tenant;

  WhoAmIController(CurrentTenant tenant) {
    this.tenant = tenant;
  }

  @GetMapping("/api/v1/whoami")
  Map<String, Object> whoami() {
    return Map.of("tenant_id", tenant.id(), "actor", tenant.actor());
  }
}
