package dev.flywheel.review;

import dev.flywheel.campaign.CampaignPeople;
import dev.flywheel.customer.Customers;
import dev.flywheel.event.EventHistory;
import dev.flywheel.ledger.CouponUse;
import dev.flywheel.ledger.Coupons;
import dev.flywheel.review.CampaignReview.Cost;
import dev.flywheel.review.CampaignReview.Split;
import dev.flywheel.review.CampaignReview.Valuation;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The measured side of a review beyond grants: conversions, new vs existing, and the valuation. */
@Component
class ResultFigures {
  private final Customers customers;
  private final EventHistory events;
  private final Coupons coupons;
  private final long defaultPointsPerYuan;

  ResultFigures(Customers customers, EventHistory events, Coupons coupons,
      @Value("${flywheel.review.points-per-yuan:100}") long defaultPointsPerYuan) {
    this.customers = customers;
    this.events = events;
    this.coupons = coupons;
    this.defaultPointsPerYuan = defaultPointsPerYuan;
  }

  /** Participants with an event of {@code type} in {@code [from, to)}; null when no type is set. */
  Set<String> converted(long tenantId, String type, Set<String> participants, Instant from, Instant to) {
    if (type == null) {
      return null;
    }
    Set<String> out = new HashSet<>();
    events.forEachInRange(tenantId, List.of(type), from, to, EventHistory.MAX_LIMIT, e -> {
      if (participants.contains(e.customerId())) {
        out.add(e.customerId());
      }
    });
    return out;
  }

  Split split(long tenantId, CampaignPeople people, Set<String> converted, Instant from, Instant to) {
    Set<String> fresh = customers.newBetween(tenantId, people.participants(), from, to);
    long newParticipants = fresh.size();
    Long newConverted = converted == null ? null : converted.stream().filter(fresh::contains).count();
    return new Split(newParticipants, people.participants().size() - newParticipants, newConverted,
        converted == null ? null : converted.size() - newConverted);
  }

  Valuation valuation(long tenantId, long campaignId, ReviewSections s, List<Cost> costs, Long conversions) {
    long perYuan = s.pointsPerYuan() == null ? defaultPointsPerYuan : s.pointsPerYuan();
    long cash = granted(costs, "CASH_BACK") + granted(costs, "INTEREST_BONUS");
    long points = granted(costs, "POINTS");
    long pointsCost = Math.floorDiv(points * 100 + perYuan / 2, perYuan);
    CouponUse use = coupons.usage(tenantId, campaignId);
    Long value = conversions == null || s.valuePerConversion() == null ? null : conversions * s.valuePerConversion();
    return new Valuation(perYuan, cash, points, pointsCost, use.issued(), use.redeemed(), use.redeemedFaceValue(),
        cash + pointsCost + use.redeemedFaceValue(), conversions, value);
  }

  static Double roi(Valuation v) {
    return v.value() == null || v.totalCost() == 0 ? null : (double) (v.value() - v.totalCost()) / v.totalCost();
  }

  private static long granted(List<Cost> costs, String asset) {
    return costs.stream().filter(c -> c.asset().equals(asset)).mapToLong(Cost::granted).sum();
  }
}
