package dev.flywheel.reach;

import dev.flywheel.customer.CustomerProfile;
import dev.flywheel.customer.Customers;
import dev.flywheel.platform.tenancy.Tenants;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import dev.flywheel.reach.plan.Rendering;
import dev.flywheel.reach.plan.VariantResults;
import dev.flywheel.reach.policy.PolicyStore;
import dev.flywheel.reach.template.TemplateStore;
import dev.flywheel.reach.template.TemplateText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Message templates and their copy variants: save (validated; every save is a new audited
 * version), find, preview with a customer, and per-variant results.
 */
@Service
public class MessageTemplates {
  private static final int MAX_TEXT = 4000;
  private final TemplateStore store;
  private final Customers customers;
  private final Tenants tenants;
  private final PolicyStore policies;
  private final VariantResults results;

  MessageTemplates(TemplateStore store, Customers customers, Tenants tenants, PolicyStore policies,
      VariantResults results) {
    this.store = store;
    this.customers = customers;
    this.tenants = tenants;
    this.policies = policies;
    this.results = results;
  }

  /**
   * Creates the template (or a new version of the one with the same channel and key).
   *
   * @throws Problem {@code invalid-template} naming each field at fault, e.g. an unknown variable
   */
  @Transactional
  public MessageTemplate save(long tenantId, MessageTemplate.Draft draft, String actor) {
    List<FieldIssue> issues = issues(draft);
    if (!issues.isEmpty()) {
      throw Problem.invalid("invalid-template", "The template has " + issues.size() + " problem(s)", issues);
    }
    return store.save(tenantId, draft, actor);
  }

  /** Problems of a draft, empty when it may be saved. */
  public static List<FieldIssue> issues(MessageTemplate.Draft d) {
    List<FieldIssue> issues = new ArrayList<>();
    if (d.key() == null || !d.key().matches("[A-Za-z0-9._-]{1,64}")) {
      issues.add(new FieldIssue("key", "invalid", "1 to 64 of A-Z a-z 0-9 . _ -"));
    }
    if (d.channel() == null) {
      issues.add(new FieldIssue("channel", "required", "one of " + List.of(Channel.values())));
    }
    if (d.variants().isEmpty() || d.variants().size() > 10) {
      issues.add(new FieldIssue("variants", "invalid", "1 to 10 variants"));
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < d.variants().size(); i++) {
      MessageTemplate.Variant v = d.variants().get(i);
      String at = "variants[" + i + "].";
      if (v.name() == null || !v.name().matches("[a-z0-9_-]{1,32}") || !names.add(v.name())) {
        issues.add(new FieldIssue(at + "name", "invalid", "a unique name of 1 to 32 of a-z 0-9 _ -"));
      }
      if (v.weight() < 0 || v.weight() > 10_000) {
        issues.add(new FieldIssue(at + "weight", "invalid", "a whole number from 0 to 10000"));
      }
      if (v.body() == null || v.body().isBlank() || v.body().length() > MAX_TEXT) {
        issues.add(new FieldIssue(at + "body", "invalid", "a text of 1 to " + MAX_TEXT + " characters"));
      }
      if (v.subject() != null && v.subject().length() > 200) {
        issues.add(new FieldIssue(at + "subject", "invalid", "at most 200 characters"));
      }
      issues.addAll(TemplateText.check(at + "body", v.body()));
      issues.addAll(TemplateText.check(at + "subject", v.subject()));
    }
    if (!d.variants().isEmpty() && d.variants().stream().mapToInt(MessageTemplate.Variant::weight).sum() <= 0) {
      issues.add(new FieldIssue("variants", "invalid", "at least one variant needs a weight above 0"));
    }
    return issues;
  }

  public List<MessageTemplate> list(long tenantId) {
    return store.list(tenantId);
  }

  public Optional<MessageTemplate> find(long tenantId, long templateId) {
    return store.find(tenantId, templateId);
  }

  /** True when a template (not archived) with {@code key} exists for {@code channel}. */
  public boolean exists(long tenantId, Channel channel, String key) {
    return store.find(tenantId, channel, key).isPresent();
  }

  /** Archives the template; false when there is none. */
  @Transactional
  public boolean archive(long tenantId, long templateId) {
    return store.archive(tenantId, templateId);
  }

  /** Saved versions, newest first ({@code version}, {@code saved_by}, {@code saved_at}). */
  public List<Map<String, Object>> versions(long tenantId, long templateId) {
    return store.versions(tenantId, templateId);
  }

  /**
   * A variant rendered for a customer (opt-out text included) with {@code values}; empty when the
   * customer is unknown.
   */
  public Optional<Preview> preview(long tenantId, MessageTemplate template, String variant, String customerId,
      Map<String, Object> values) {
    Optional<CustomerProfile> customer = customers.find(tenantId, customerId);
    String tenantName = tenants.find(tenantId).orElseThrow().name();
    return customer.map(c -> {
      Rendering.Text text = Rendering.render(Rendering.variant(template, variant), template.channel(), c,
          tenantName, values, policies.find(tenantId));
      return new Preview(text.subject(), text.body());
    });
  }

  public record Preview(String subject, String body) {}

  /** Per variant: queued → delivered → clicked → converted (the goal event after the message). */
  public List<VariantResult> results(long tenantId, MessageTemplate template) {
    return results.of(tenantId, template);
  }

  /** The best-contact-time experiment: the same funnel per arm ({@code best-time}, {@code fixed-hour}). */
  public List<VariantResult> armResults(long tenantId, MessageTemplate template) {
    return results.byArm(tenantId, template);
  }
}
