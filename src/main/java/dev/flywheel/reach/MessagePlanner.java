package dev.flywheel.reach;

import dev.flywheel.customer.CustomerProfile;
import dev.flywheel.customer.Customers;
import dev.flywheel.platform.tenancy.Tenant;
import dev.flywheel.platform.tenancy.Tenants;
import dev.flywheel.reach.plan.AudiencePlanning;
import dev.flywheel.reach.plan.BestTime;
import dev.flywheel.reach.plan.DispatchTrigger;
import dev.flywheel.reach.plan.MessageRows;
import dev.flywheel.reach.plan.Rendering;
import dev.flywheel.reach.plan.SendFigures;
import dev.flywheel.reach.policy.PolicyStore;
import dev.flywheel.reach.template.StickyChoice;
import dev.flywheel.reach.template.TemplateStore;
import dev.flywheel.reach.template.TemplateText;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Plans messages: checks the template, consent, loan-stage policy and address at once (a "no" is
 * a {@link SendOutcome.Refused}), picks the sticky copy variant and the send time (best contact
 * time, quiet hours), and stores a PLANNED message. The dispatcher sends it when due, enforcing
 * consent again, caps, the minimum interval and priority.
 */
@Service
public class MessagePlanner implements Reach {
  private final MessageRows rows;
  private final TemplateStore templates;
  private final PolicyStore policies;
  private final Customers customers;
  private final Tenants tenants;
  private final BestTime bestTime;
  private final DispatchTrigger trigger;
  private final SendFigures figures;
  private final Clock clock;
  private final AudiencePlanning audiences;

  MessagePlanner(MessageRows rows, TemplateStore templates, PolicyStore policies, Customers customers,
      Tenants tenants, BestTime bestTime, DispatchTrigger trigger, SendFigures figures, Clock clock,
      AudiencePlanning audiences) {
    this.rows = rows;
    this.templates = templates;
    this.policies = policies;
    this.customers = customers;
    this.tenants = tenants;
    this.bestTime = bestTime;
    this.trigger = trigger;
    this.figures = figures;
    this.clock = clock;
    this.audiences = audiences;
  }

  @Override
  @Transactional
  public SendOutcome send(SendRequest r) {
    Optional<MessageRows.Row> earlier = rows.byDedupeKey(r.tenantId(), r.dedupeKey());
    if (earlier.isPresent()) {
      return replay(earlier.get());
    }
    Instant now = clock.instant();
    Optional<MessageTemplate> found = templates.find(r.tenantId(), r.channel(), r.templateKey());
    if (found.isEmpty() || found.get().variants().isEmpty()) {
      return new SendOutcome.Refused("unknown-template", "no " + r.channel() + " template " + r.templateKey());
    }
    MessageTemplate template = found.get();
    Optional<CustomerProfile> customer = customers.find(r.tenantId(), r.customerId());
    if (customer.isEmpty()) {
      return new SendOutcome.Refused("unknown-customer", "no customer " + r.customerId());
    }
    ContactPolicy policy = policies.find(r.tenantId());
    Optional<SendOutcome.Refused> refused = refusal(r, customer.get(), policy, now);
    if (refused.isPresent()) {
      return refused.get();
    }
    MessageTemplate.Variant variant = StickyChoice.pick("template/" + template.id(), r.customerId(),
        template.variants(), MessageTemplate.Variant::weight);
    Optional<String> missing = missingValue(variant, r);
    if (missing.isPresent()) {
      return new SendOutcome.Refused("missing-value", "the template needs ${value." + missing.get() + "}");
    }
    Tenant tenant = tenants.find(r.tenantId()).orElseThrow();
    Instant notBefore = r.notBefore() == null || r.notBefore().isBefore(now) ? now : r.notBefore();
    String arm = null;
    Instant planned = notBefore;
    if (template.bestTime() && r.category() == MessageCategory.MARKETING) {
      arm = BestTime.arm(template.id(), r.customerId());
      int hour = BestTime.BEST.equals(arm)
          ? bestTime.hour(r.tenantId(), r.customerId(), BestTime.segmentOf(customer.get()), tenant.timeZone(), now)
              .map(BestTime.Pick::hour).orElse(policy.fixedSendHour())
          : policy.fixedSendHour();
      planned = BestTime.nextAt(notBefore, hour, tenant.timeZone());
    }
    planned = policy.quietHours().nextAllowed(r.channel(), planned, tenant.timeZone());
    if (r.expiresAt() != null && !planned.isBefore(r.expiresAt())) {
      return new SendOutcome.Refused("expired", "the message would expire before it may be sent");
    }
    Optional<Long> id = rows.insert(new MessageRows.NewMessage(r.tenantId(), r.customerId(), r.channel(),
        r.category(), template.id(), template.version(), template.key(), variant.name(), arm, r.source(),
        r.dedupeKey(), BestTime.segmentOf(customer.get()), notBefore, planned, r.expiresAt(), r.values()), now);
    if (id.isEmpty()) {
      return replay(rows.byDedupeKey(r.tenantId(), r.dedupeKey()).orElseThrow());
    }
    if (!planned.isAfter(now)) {
      trigger.afterCommit();
    }
    return new SendOutcome.Queued(id.get(), planned, variant.name(), false);
  }

  private static SendOutcome replay(MessageRows.Row m) {
    return new SendOutcome.Queued(m.id(), m.plannedAt(), m.variant(), true);
  }

  private static Optional<SendOutcome.Refused> refusal(SendRequest r, CustomerProfile c, ContactPolicy policy,
      Instant now) {
    if (Rendering.optedOut(r.channel(), c)) {
      return Optional.of(new SendOutcome.Refused("opted-out", "the customer opted out of " + r.channel()));
    }
    if (c.loan() != null && !policy.allows(c.loan().stage(), c.loan().h5Only(), r.channel())) {
      return Optional.of(new SendOutcome.Refused("channel-not-allowed-for-stage", r.channel() + " is not allowed for "
          + (c.loan().h5Only() ? "H5-only customers in " : "customers in ") + c.loan().stage()));
    }
    if (!Rendering.addressable(r.channel(), c)) {
      return Optional.of(new SendOutcome.Refused("no-address", "no " + r.channel() + " address for the customer"));
    }
    if (r.expiresAt() != null && !r.expiresAt().isAfter(now)) {
      return Optional.of(new SendOutcome.Refused("expired", "expires_at is past"));
    }
    return Optional.empty();
  }

  private static Optional<String> missingValue(MessageTemplate.Variant v, SendRequest r) {
    java.util.Set<String> keys = new java.util.LinkedHashSet<>(TemplateText.valueKeys(v.body()));
    keys.addAll(TemplateText.valueKeys(v.subject()));
    return keys.stream().filter(k -> r.values().get(k) == null).findFirst();
  }

  @Override
  public AudienceSend.Outcome sendToAudience(AudienceSend send) {
    return audiences.plan(send);
  }

  @Override
  public Optional<MessageStatus> status(long tenantId, long messageId) {
    return rows.status(tenantId, messageId);
  }

  @Override
  public List<MessageFigures> figures(long tenantId, String sourcePrefix) {
    return figures.bySourceAndVariant(tenantId, sourcePrefix);
  }

  @Override
  public List<WeeklyMessageFigures> weeklyFigures(long tenantId, String sourcePrefix, java.time.ZoneId zone) {
    return figures.byWeek(tenantId, sourcePrefix, zone);
  }
}
