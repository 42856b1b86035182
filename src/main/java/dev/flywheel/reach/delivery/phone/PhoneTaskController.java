package dev.flywheel.reach.delivery.phone;

import dev.flywheel.platform.tenancy.CurrentTenant;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import dev.flywheel.reach.delivery.PhoneTask;
import dev.flywheel.reach.delivery.PhoneTasks;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/reach/phone-tasks?status=OPEN|CLAIMED|DONE}: the call queue for the app's
 * backend and reports. Employees claim and record outcomes in the console's task inbox.
 */
@RestController
class PhoneTaskController {
  private final PhoneTasks tasks;
  private final CurrentTenant tenant;

  PhoneTaskController(PhoneTasks tasks, CurrentTenant tenant) {
    this.tasks = tasks;
    this.tenant = tenant;
  }

  @GetMapping("/api/v1/reach/phone-tasks")
  Map<String, Object> list(@RequestParam(defaultValue = "OPEN") String status,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
    PhoneTask.Status s;
    try {
      s = PhoneTask.Status.valueOf(status.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("invalid-parameter", "Unknown task status",
          new FieldIssue("status", "invalid", "one of OPEN, CLAIMED, DONE"));
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("items", tasks.list(tenant.id(), s, page, size).stream().map(PhoneTaskController::json).toList());
    json.put("page", Math.max(0, page));
    json.put("total", tasks.count(tenant.id(), s));
    return json;
  }

  static Map<String, Object> json(PhoneTask t) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("message_id", t.messageId());
    json.put("customer_id", t.customerId());
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("display_name_masked", t.customer().nameMasked());
    customer.put("phone_masked", t.customer().phoneMasked());
    customer.put("loan_stage", t.customer().loanStage());
    customer.put("lifecycle_stage", t.customer().lifecycleStage());
    customer.put("tags", t.customer().tags());
    json.put("customer", customer);
    json.put("title", t.title());
    json.put("script", t.script());
    json.put("source", t.source());
    json.put("status", t.status());
    json.put("claimed_by", t.claimedBy());
    json.put("claimed_at", t.claimedAt());
    json.put("outcome", t.outcome());
    json.put("note", t.note());
    json.put("recorded_at", t.recordedAt());
    json.put("created_at", t.createdAt());
    return json;
  }
}
