package dev.flywheel.reach.plan;

import dev.flywheel.customer.CustomerProfile;
import dev.flywheel.customer.Customers;
import dev.flywheel.platform.tenancy.Tenant;
import dev.flywheel.reach.ContactPolicy;
import dev.flywheel.reach.MessageCategory;
import dev.flywheel.reach.MessageStatus;
import dev.flywheel.reach.MessageTemplate;
import dev.flywheel.reach.delivery.Delivery;
import dev.flywheel.reach.delivery.OutgoingMessage;
import dev.flywheel.reach.template.TemplateStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Decides the due messages of one customer, highest category first: consent → stage policy →
 * expiry → quiet hours → caps and minimum interval → render and hand over to delivery. A message a
 * cap stops after a higher-ranked one took the room this round is deferred with reason
 * {@code outranked-by:<id>}. TRANSACTIONAL messages ignore caps and the minimum interval but count
 * as touches. The caller holds the customer's dispatch lock.
 */
@Component
class CustomerDispatch {
  private final MessageRows rows;
  private final Touches touches;
  private final TemplateStore templates;
  private final Customers customers;
  private final ObjectProvider<Delivery> delivery;

  CustomerDispatch(MessageRows rows, Touches touches, TemplateStore templates, Customers customers,
      ObjectProvider<Delivery> delivery) {
    this.rows = rows;
    this.touches = touches;
    this.templates = templates;
    this.customers = customers;
    this.delivery = delivery;
  }

  /** How many of the messages were handed over. */
  int run(Tenant tenant, ContactPolicy policy, String customerId, List<MessageRows.Row> due, Instant now) {
    Optional<CustomerProfile> customer = customers.find(tenant.id(), customerId);
    List<MessageRows.Row> ordered = due.stream()
        .sorted(Comparator.comparingInt((MessageRows.Row m) -> -m.category().rank())
            .thenComparing(MessageRows.Row::plannedAt).thenComparingLong(MessageRows.Row::id))
        .toList();
    MessageRows.Row winner = null;
    int sent = 0;
    for (MessageRows.Row m : ordered) {
      if (customer.isEmpty()) {
        rows.end(m, MessageStatus.DROPPED, "unknown-customer", now);
      } else if (decide(tenant, policy, customer.get(), m, winner, now)) {
        winner = winner == null || m.category().rank() > winner.category().rank() ? m : winner;
        sent++;
      }
    }
    return sent;
  }

  private boolean decide(Tenant tenant, ContactPolicy policy, CustomerProfile c, MessageRows.Row m,
      MessageRows.Row winner, Instant now) {
    if (m.expiresAt() != null && !m.expiresAt().isAfter(now)) {
      rows.end(m, MessageStatus.DROPPED, "expired", now);
      return false;
    }
    if (Rendering.optedOut(m.channel(), c)) {
      rows.end(m, MessageStatus.REFUSED, "opted-out", now);
      return false;
    }
    if (c.loan() != null && !policy.allows(c.loan().stage(), c.loan().h5Only(), m.channel())) {
      rows.end(m, MessageStatus.REFUSED, "channel-not-allowed-for-stage", now);
      return false;
    }
    Instant quietEnd = policy.quietHours().nextAllowed(m.channel(), now, tenant.timeZone());
    if (quietEnd.isAfter(now)) {
      postpone(m, "quiet-hours", quietEnd, now);
      return false;
    }
    if (m.category() != MessageCategory.TRANSACTIONAL) {
      Optional<Touches.Block> block = touches.check(tenant.id(), c.id(), m.channel(), policy, now);
      if (block.isPresent()) {
        String reason = winner != null && winner.category().rank() > m.category().rank()
            ? "outranked-by:" + winner.id() : block.get().reason();
        postpone(m, reason, block.get().until(), now);
        return false;
      }
    }
    return handOver(tenant, policy, c, m, now);
  }

  /** Deferred until {@code until}, or dropped when it would expire first. */
  private boolean postpone(MessageRows.Row m, String reason, Instant until, Instant now) {
    if (m.expiresAt() != null && !until.isBefore(m.expiresAt())) {
      return rows.end(m, MessageStatus.DROPPED, reason, now);
    }
    return rows.defer(m, reason, until, now);
  }

  private boolean handOver(Tenant tenant, ContactPolicy policy, CustomerProfile c, MessageRows.Row m, Instant now) {
    Optional<MessageTemplate> template = m.templateId() == null ? Optional.empty()
        : templates.find(tenant.id(), m.templateId());
    if (template.isEmpty() || template.get().variants().isEmpty()) {
      rows.end(m, MessageStatus.DROPPED, "unknown-template", now);
      return false;
    }
    if (!Rendering.addressable(m.channel(), c)) {
      rows.end(m, MessageStatus.REFUSED, "no-address", now);
      return false;
    }
    MessageTemplate.Variant variant = Rendering.variant(template.get(), m.variant());
    Rendering.Text text = Rendering.render(variant, m.channel(), c, tenant.name(), m.values(), policy);
    String recipient = Rendering.recipient(m.channel(), c);
    if (!rows.queue(m, recipient, text.subject(), text.body(), now)) {
      return false;
    }
    touches.record(tenant.id(), c.id(), m.channel(), m.category(), m.id(), now);
    delivery.getObject().handOver(new OutgoingMessage(tenant.id(), m.id(), c.id(), m.channel(), m.category(),
        recipient, text.subject(), text.body(), m.source(), m.variant()));
    return true;
  }
}
