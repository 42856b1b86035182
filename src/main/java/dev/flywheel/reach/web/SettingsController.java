package dev.flywheel.reach.web;

import dev.flywheel.platform.tenancy.CurrentTenant;
import dev.flywheel.reach.ContactPolicies;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenant's contact rules. PUT takes any subset of the fields GET shows (absent fields keep
 * their value); every problem is a 422 {@code invalid-settings} naming its field.
 */
@RestController
@RequestMapping("/api/v1/reach/settings")
class SettingsController {
  private final CurrentTenant tenant;
  private final ContactPolicies policies;

  SettingsController(CurrentTenant tenant, ContactPolicies policies) {
    this.tenant = tenant;
    this.policies = policies;
  }

  @GetMapping
  Map<String, Object> get() {
    return policies.json(tenant.id());
  }

  @PutMapping
  Map<String, Object> put(@RequestBody(required = false) Map<String, Object> body) {
    policies.update(tenant.id(), body, tenant.actor());
    return policies.json(tenant.id());
  }
}
