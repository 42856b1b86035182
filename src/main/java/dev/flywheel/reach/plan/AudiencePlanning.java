package dev.flywheel.reach.plan;

import dev.flywheel.customer.Customers;
import dev.flywheel.customer.Segments;
import dev.flywheel.platform.tenancy.Tenant;
import dev.flywheel.platform.tenancy.Tenants;
import dev.flywheel.reach.AudienceSend;
import dev.flywheel.reach.Channel;
import dev.flywheel.reach.ContactPolicy;
import dev.flywheel.reach.MessageCategory;
import dev.flywheel.reach.MessageTemplate;
import dev.flywheel.reach.policy.PolicyStore;
import dev.flywheel.reach.template.TemplateStore;
import dev.flywheel.reach.template.TemplateText;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Plans a send to a whole audience set-based: the customer module pages the contactable customers
 * (consent, address) 10,000 at a time, the stage policy filters them, and one
 * {@code INSERT … SELECT} per page ({@link AudienceRows}) assigns the sticky variant (the same MD5
 * bucket as a single send), defers customers already at a cap or within the minimum interval, and
 * writes the history — one transaction per page, idempotent by dedupe key.
 */
@Service
public class AudiencePlanning {
  static final int PAGE = 10_000;
  private final TemplateStore templates;
  private final PolicyStore policies;
  private final Customers customers;
  private final Segments segments;
  private final Tenants tenants;
  private final AudienceRows rows;
  private final TransactionTemplate transactions;
  private final Clock clock;

  AudiencePlanning(TemplateStore templates, PolicyStore policies, Customers customers, Segments segments,
      Tenants tenants, AudienceRows rows, TransactionTemplate transactions, Clock clock) {
    this.templates = templates;
    this.policies = policies;
    this.customers = customers;
    this.segments = segments;
    this.tenants = tenants;
    this.rows = rows;
    this.transactions = transactions;
    this.clock = clock;
  }

  public AudienceSend.Outcome plan(AudienceSend send) {
    Instant now = clock.instant();
    Optional<MessageTemplate> found = templates.find(send.tenantId(), send.channel(), send.templateKey());
    if (found.isEmpty() || found.get().variants().isEmpty()) {
      return refused("unknown-template");
    }
    MessageTemplate template = found.get();
    boolean missing = template.variants().stream()
        .flatMap(v -> java.util.stream.Stream.concat(TemplateText.valueKeys(v.body()).stream(),
            TemplateText.valueKeys(v.subject()).stream()))
        .anyMatch(k -> send.values().get(k) == null);
    if (missing) {
      return refused("missing-value");
    }
    Tenant tenant = tenants.find(send.tenantId()).orElseThrow();
    ContactPolicy policy = policies.find(send.tenantId());
    Instant from = send.notBefore() == null || send.notBefore().isBefore(now) ? now : send.notBefore();
    Instant planned = policy.quietHours().nextAllowed(send.channel(), from, tenant.timeZone());
    if (send.expiresAt() != null && !planned.isBefore(send.expiresAt())) {
      return refused("expired");
    }
    AudienceRows.Plan plan = new AudienceRows.Plan(send, template, policy, from, planned, now);
    long[] counts = new long[3];
    page(send, policy, ids -> {
      long[] c = transactions.execute(s -> rows.insert(plan, ids));
      counts[0] += c[0];
      counts[1] += c[1];
      counts[2] += ids.size() - c[0] - c[1];
    }, counts);
    return new AudienceSend.Outcome(counts[0], counts[1], counts[2], planned, null);
  }

  /** Hands the audience's reachable customer ids to {@code chunk}, a page at a time; counts the rest as skipped. */
  private void page(AudienceSend send, ContactPolicy policy, java.util.function.Consumer<List<String>> chunk,
      long[] counts) {
    Channel channel = send.channel();
    if (send.segmentId() == null) {
      String after = null;
      while (true) {
        List<Customers.Contactable> page = customers.contactable(send.tenantId(), channel.consentKey(),
            channel == Channel.SMS || channel == Channel.ROBOCALL, attribute(channel), after, PAGE);
        if (page.isEmpty()) {
          return;
        }
        after = page.getLast().id();
        List<String> ids = page.stream()
            .filter(c -> !c.optedOut() && c.addressable() && policy.allows(c.loanStage(), c.h5Only(), channel))
            .map(Customers.Contactable::id).toList();
        counts[2] += page.size() - ids.size();
        chunk.accept(ids);
      }
    }
    for (int p = 0; ; p++) {
      List<String> members = segments.members(send.tenantId(), send.segmentId(), p, 1_000).customerIds();
      if (members.isEmpty()) {
        return;
      }
      List<String> ids = new ArrayList<>();
      customers.stateBeforePending(send.tenantId(), members).values().forEach(c -> {
        if (!Rendering.optedOut(channel, c) && Rendering.addressable(channel, c)
            && policy.allows(c.loan().stage(), c.loan().h5Only(), channel)) {
          ids.add(c.id());
        }
      });
      counts[2] += members.size() - ids.size();
      chunk.accept(ids);
    }
  }

  private static String attribute(Channel channel) {
    return channel == Channel.EMAIL ? "email" : channel == Channel.PUSH ? "push_token" : null;
  }

  private static AudienceSend.Outcome refused(String reason) {
    return new AudienceSend.Outcome(0, 0, 0, null, reason);
  }

  static boolean transactional(MessageCategory category) {
    return category == MessageCategory.TRANSACTIONAL;
  }
}
