package dev.flywheel.lottery;

import dev.flywheel.ledger.Coupons;
import dev.flywheel.platform.web.FieldIssue;
import java.util.ArrayList;
import java.util.List;

/** Every rule a lottery draft must meet, as field issues (empty = fine). */
final class PoolChecks {
  static final int MAX_PRIZES = 50;
  static final int MAX_STOCK = 10_000_000;
  static final int MAX_WEIGHT = 1_000_000;

  private PoolChecks() {}

  static List<FieldIssue> check(long tenantId, LotteryDraft draft, Coupons coupons) {
    List<FieldIssue> issues = new ArrayList<>();
    if (draft.name() == null || draft.name().isBlank() || draft.name().length() > 200) {
      issues.add(new FieldIssue("name", "required", "a name of 1..200 characters"));
    }
    if (draft.startsAt() == null || draft.endsAt() == null) {
      issues.add(new FieldIssue("starts_at", "required", "start and end are required"));
    } else if (!draft.startsAt().isBefore(draft.endsAt())) {
      issues.add(new FieldIssue("ends_at", "not-after-start", "the end must be after the start"));
    }
    List<PrizeSpec> prizes = draft.prizes() == null ? List.of() : draft.prizes();
    if (prizes.isEmpty() || prizes.size() > MAX_PRIZES) {
      issues.add(new FieldIssue("prizes", "size", "1.." + MAX_PRIZES + " prizes"));
    }
    long thankYous = prizes.stream().filter(p -> p != null && p.kind() == PrizeKind.THANK_YOU).count();
    if (!prizes.isEmpty() && thankYous != 1) {
      issues.add(new FieldIssue("prizes", "thank-you-required",
          "exactly one THANK_YOU prize: what a draw gets when nothing else can be drawn"));
    }
    for (int i = 0; i < prizes.size(); i++) {
      String at = "prizes[" + i + "].";
      PrizeSpec p = prizes.get(i);
      if (p == null || p.kind() == null) {
        issues.add(new FieldIssue(at + "kind", "required", "one of PHYSICAL, POINTS, CASH, COUPON, THANK_YOU"));
        continue;
      }
      prize(tenantId, p, coupons).forEach(issue -> issues.add(issue.prefixed(at)));
    }
    if (draft.guarantee() != null) {
      Guarantee g = draft.guarantee();
      if (g.draws() < 1 || g.draws() > 1000) {
        issues.add(new FieldIssue("guarantee.draws", "out-of-range", "1..1000 draws"));
      }
      if (g.tier() < 1 || prizes.stream().noneMatch(p -> p != null && p.kind() != PrizeKind.THANK_YOU
          && p.tier() >= g.tier())) {
        issues.add(new FieldIssue("guarantee.tier", "no-such-tier", "no prize of at least this tier (>= 1)"));
      }
    }
    if (!prizes.isEmpty() && prizes.stream().allMatch(p -> p != null && p.weight() <= 0)) {
      issues.add(new FieldIssue("prizes", "no-weight", "at least one prize needs a positive weight"));
    }
    return issues;
  }

  private static List<FieldIssue> prize(long tenantId, PrizeSpec p, Coupons coupons) {
    List<FieldIssue> issues = new ArrayList<>();
    if (p.name() == null || p.name().isBlank() || p.name().length() > 100) {
      issues.add(new FieldIssue("name", "required", "a name of 1..100 characters"));
    }
    if (p.weight() < 0 || p.weight() > MAX_WEIGHT) {
      issues.add(new FieldIssue("weight", p.weight() < 0 ? "negative" : "out-of-range", "0.." + MAX_WEIGHT));
    }
    boolean thankYou = p.kind() == PrizeKind.THANK_YOU;
    if (thankYou && p.stock() != null) {
      issues.add(new FieldIssue("stock", "not-allowed", "THANK_YOU never runs out: leave stock empty"));
    } else if (!thankYou && (p.stock() == null || p.stock() < 0 || p.stock() > MAX_STOCK)) {
      issues.add(new FieldIssue("stock", p.stock() != null && p.stock() < 0 ? "negative" : "out-of-range",
          "0.." + MAX_STOCK));
    }
    if (p.perCustomerLimit() != null && p.perCustomerLimit() < 1) {
      issues.add(new FieldIssue("per_customer_limit", "out-of-range", "at least 1, or empty for no limit"));
    }
    boolean granted = p.kind().asset().isPresent();
    long maxAmount = p.kind() == PrizeKind.COUPON ? 100 : 100_000_000L;
    if (granted && (p.amount() < 1 || p.amount() > maxAmount)) {
      issues.add(new FieldIssue("amount", "out-of-range", "1.." + maxAmount));
    } else if (!granted && p.amount() != 0) {
      issues.add(new FieldIssue("amount", "not-allowed", "only POINTS, CASH and COUPON prizes grant an amount"));
    }
    if (p.kind() == PrizeKind.COUPON) {
      if (p.couponTemplateId() == null || coupons.template(tenantId, p.couponTemplateId()).isEmpty()) {
        issues.add(new FieldIssue("coupon_template_id", "unknown", "a coupon template of this tenant"));
      }
    } else if (p.couponTemplateId() != null) {
      issues.add(new FieldIssue("coupon_template_id", "not-allowed", "only for COUPON prizes"));
    }
    if (p.value() < 0 || p.value() > 100_000_000L) {
      issues.add(new FieldIssue("value", p.value() < 0 ? "negative" : "out-of-range", "0..100000000 fen"));
    }
    if (thankYou ? (p.tier() != 0 || p.value() != 0) : (p.tier() < 1 || p.tier() > 100)) {
      issues.add(new FieldIssue("tier", "out-of-range", thankYou ? "THANK_YOU is tier 0 and worth 0" : "1..100"));
    }
    return issues;
  }
}
