package dev.flywheel.customer.profile;

import dev.flywheel.customer.CustomerProfile;
import dev.flywheel.customer.Customers;
import dev.flywheel.platform.tenancy.CurrentTenant;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Customer profiles for app backends. Everything is scoped by the API key's tenant: an id of
 * another tenant's customer reads as {@code not-found}, and a PUT with it creates or changes the
 * caller's own customer of that id only.
 */
@RestController
@RequestMapping("/api/v1/customers/{id}")
class CustomerController {
  private final CurrentTenant tenant;
  private final Customers customers;
  private final ProfileStore store;
  private final Clock clock;

  CustomerController(CurrentTenant tenant, Customers customers, ProfileStore store, Clock clock) {
    this.tenant = tenant;
    this.customers = customers;
    this.store = store;
    this.clock = clock;
  }

  @GetMapping
  Map<String, Object> get(@PathVariable String id) {
    return CustomerJson.of(load(id));
  }

  /** Creates (201) or replaces (200) the profile fields; stages are never set here. */
  @PutMapping
  ResponseEntity<Map<String, Object>> put(@PathVariable String id, @RequestBody(required = false) Map<String, Object> body) {
    ProfileForm.checkId(id);
    ProfileForm form = ProfileForm.parse(body, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
    boolean created = store.upsert(tenant.id(), id, form);
    return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(CustomerJson.of(load(id)));
  }

  /** Adds {@code {"tags": [...]}} or {@code {"tag": "..."}}; idempotent. */
  @PostMapping("/tags")
  Map<String, Object> addTags(@PathVariable String id, @RequestBody Map<String, Object> body) {
    List<FieldIssue> issues = new ArrayList<>();
    List<String> tags = body.containsKey("tag")
        ? ProfileForm.tags(List.of(String.valueOf(body.get("tag"))), "tag", issues)
        : ProfileForm.tags(body.get("tags"), "tags", issues);
    if (tags.isEmpty() && issues.isEmpty()) {
      issues.add(new FieldIssue("tags", "required", "give 'tag' or a non-empty 'tags'"));
    }
    if (!issues.isEmpty()) {
      throw Problem.invalid(ProfileForm.CODE, "The tags are invalid", issues);
    }
    return Map.of("tags", store.addTags(tenant.id(), id, tags).orElseThrow(() -> Problem.notFound("customer", id)));
  }

  @DeleteMapping("/tags/{tag}")
  Map<String, Object> removeTag(@PathVariable String id, @PathVariable String tag) {
    return Map.of("tags", store.removeTag(tenant.id(), id, tag).orElseThrow(() -> Problem.notFound("customer", id)));
  }

  /** {@code {"granted": false}} opts the customer out of a channel and records when. */
  @PutMapping("/consent/{channel}")
  Map<String, Object> consent(@PathVariable String id, @PathVariable String channel,
      @RequestBody Map<String, Object> body) {
    List<FieldIssue> issues = new ArrayList<>();
    if (!CustomerRows.CHANNELS.contains(channel)) {
      issues.add(new FieldIssue("channel", "unknown-channel", "must be one of " + CustomerRows.CHANNELS));
    }
    if (!(body.get("granted") instanceof Boolean)) {
      issues.add(new FieldIssue("granted", "required", "must be true or false"));
    }
    if (!issues.isEmpty()) {
      throw Problem.invalid(ProfileForm.CODE, "The consent is invalid", issues);
    }
    if (!store.setConsent(tenant.id(), id, channel, (Boolean) body.get("granted"))) {
      throw Problem.notFound("customer", id);
    }
    CustomerProfile customer = load(id);
    return Map.of("channel", channel, "consent", CustomerJson.consent(customer.consent().get(channel)));
  }

  @GetMapping("/stage-history")
  List<Map<String, Object>> history(@PathVariable String id) {
    load(id);
    return customers.stageHistory(tenant.id(), id).stream().map(t -> {
      Map<String, Object> json = new java.util.LinkedHashMap<>();
      json.put("kind", t.kind());
      json.put("from", t.from());
      json.put("to", t.to());
      json.put("at", t.at());
      json.put("cause", t.cause());
      return json;
    }).toList();
  }

  private CustomerProfile load(String id) {
    return customers.find(tenant.id(), id).orElseThrow(() -> Problem.notFound("customer", id));
  }
}
