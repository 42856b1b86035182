package dev.flywheel.analytics.rollup;

import dev.flywheel.event.EventAccepted;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * What a batch of events says about one customer: first and second occurrence per milestone,
 * the earliest value of each breakdown attribute and the periods of key return events. Merging is order-free and idempotent, the same
 * rule the SQL upsert applies (least first; second = earliest strictly later than the first).
 */
final class CustomerFold {
  final Map<String, Integer> firsts = new HashMap<>();
  final Map<String, Integer> seconds = new HashMap<>();
  final Stamped channel = new Stamped();
  final Stamped variant = new Stamped();
  final Stamped funder = new Stamped();
  final Stamped campaign = new Stamped();
  /** Encoded key-return periods (see {@link ReturnEvents}), sorted. */
  final java.util.TreeSet<Integer> returnWeeks = new java.util.TreeSet<>();
  final java.util.TreeSet<Integer> returnMonths = new java.util.TreeSet<>();

  void add(EventAccepted e) {
    int at = Milestones.seconds(e.occurredAt());
    for (String m : Milestones.of(e.type(), e.attributes())) {
      mark(m, at);
    }
    int slot = ReturnEvents.slot(e.type());
    if (slot > 0) {
      var day = java.time.LocalDate.ofInstant(e.occurredAt(), java.time.ZoneOffset.UTC);
      returnWeeks.add(ReturnEvents.week(slot, day));
      returnMonths.add(ReturnEvents.month(slot, day));
    }
    channel.offer(e.channel(), at);
    campaign.offer(e.campaign(), at);
    Map<String, Object> attributes = e.attributes() == null ? Map.of() : e.attributes();
    if ("page_view".equals(e.type()) && attributes.get("variant") instanceof String v) {
      variant.offer(v, at);
    }
    if (("funder_decision".equals(e.type()) || "drawdown".equals(e.type())) && attributes.get("funder") instanceof String f) {
      funder.offer(f, at);
    }
  }

  private void mark(String milestone, int at) {
    Integer first = firsts.get(milestone);
    if (first == null || at < first) {
      firsts.put(milestone, at);
      if (first != null) {
        seconds.merge(milestone, first, Math::min);
      }
    } else if (at > first) {
      seconds.merge(milestone, at, Math::min);
    }
  }

  static BigDecimal amount(EventAccepted e) {
    Object amount = e.attributes() == null ? null : e.attributes().get("amount");
    return amount instanceof BigDecimal b ? b : amount instanceof Number n ? new BigDecimal(n.toString()) : BigDecimal.ZERO;
  }

  /** A value with the time it was seen; the earliest wins, ties go to the smaller value. */
  static final class Stamped {
    String value;
    Integer at;

    void offer(String candidate, int when) {
      if (candidate == null) {
        return;
      }
      if (at == null || when < at || (when == at && candidate.compareTo(value) < 0)) {
        value = candidate;
        at = when;
      }
    }
  }
}
