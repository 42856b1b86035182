package dev.flywheel.customer.stage;

import dev.flywheel.customer.LifecycleSettings;
import dev.flywheel.platform.tenancy.CurrentTenant;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The tenant's lifecycle thresholds; PUT replaces all four (problem {@code invalid-lifecycle-settings}). */
@RestController
@RequestMapping("/api/v1/lifecycle-settings")
class LifecycleSettingsController {
  static final String CODE = "invalid-lifecycle-settings";
  private static final int MAX_DAYS = 3650;
  private final CurrentTenant tenant;
  private final LifecycleSettingsStore store;

  LifecycleSettingsController(CurrentTenant tenant, LifecycleSettingsStore store) {
    this.tenant = tenant;
    this.store = store;
  }

  @GetMapping
  Map<String, Object> get() {
    return json(store.find(tenant.id()));
  }

  @PutMapping
  Map<String, Object> put(@RequestBody Map<String, Object> body) {
    List<FieldIssue> issues = new ArrayList<>();
    int newDays = days(body, "new_days", issues);
    int minActive = days(body, "retain_min_active_days", issues);
    int activeWithin = days(body, "active_within_days", issues);
    int dormantAfter = days(body, "dormant_after_days", issues);
    if (issues.isEmpty() && newDays > activeWithin) {
      issues.add(new FieldIssue("new_days", "out-of-order", "must not exceed active_within_days"));
    }
    if (issues.isEmpty() && activeWithin >= dormantAfter) {
      issues.add(new FieldIssue("dormant_after_days", "out-of-order", "must exceed active_within_days"));
    }
    if (!issues.isEmpty()) {
      throw Problem.invalid(CODE, "The lifecycle settings are invalid", issues);
    }
    LifecycleSettings settings = new LifecycleSettings(newDays, minActive, activeWithin, dormantAfter);
    store.save(tenant.id(), settings);
    return json(settings);
  }

  private static int days(Map<String, Object> body, String field, List<FieldIssue> issues) {
    Object v = body.get(field);
    if (!(v instanceof Integer || v instanceof Long)) {
      issues.add(new FieldIssue(field, "required", "must be a whole number of days"));
      return 0;
    }
    long days = ((Number) v).longValue();
    if (days < 1 || days > MAX_DAYS) {
      issues.add(new FieldIssue(field, "out-of-range", "must be between 1 and " + MAX_DAYS));
      return 0;
    }
    return (int) days;
  }

  private static Map<String, Object> json(LifecycleSettings s) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("new_days", s.newDays());
    json.put("retain_min_active_days", s.retainMinActiveDays());
    json.put("active_within_days", s.activeWithinDays());
    json.put("dormant_after_days", s.dormantAfterDays());
    return json;
  }
}
