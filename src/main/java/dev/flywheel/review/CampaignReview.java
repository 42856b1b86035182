package dev.flywheel.review;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * A GRAI review of an ended campaign, figures pre-filled.
 *
 * @param version the saved version shown (0 when nothing was written yet)
 * @param links the activity's links, reach → participate → complete → convert, target vs result
 * @param costs per asset: planned budget, funded, granted (units; fen for money)
 * @param valuation what the campaign cost, points and coupons included, and what it brought
 * @param roi (value − total cost) / total cost (see {@link Valuation}), null when no value or no cost
 * @param customers participants and conversions split into new and existing customers
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CampaignReview(long campaignId, String name, String purpose, String theme, Instant startsAt,
    Instant endsAt, List<Link> links, List<Cost> costs, Valuation valuation, Double roi, Split customers, ReviewSections sections, int version,
    String writtenBy, Instant writtenAt) {

  /**
   * @param target null when none was set
   * @param result null when not measured and not entered
   * @param source {@code measured} (from decisions and grants), {@code entered} (by the team) or
   *     {@code none}
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Link(String name, Long target, Long result, String source) {
    public Double attainment() {
      return target == null || result == null || target == 0 ? null : (double) result / target;
    }
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Cost(String asset, long planned, long funded, long granted) {
    public Double usage() {
      return planned == 0 ? null : (double) granted / planned;
    }
  }

  /**
   * The cost side of ROI, every amount in fen: cash ({@code CASH_BACK} and {@code INTEREST_BONUS}
   * granted), points granted valued at {@code pointsPerYuan} points per yuan, and coupons valued at
   * face value × redeemed (an unredeemed coupon costs nothing). Lottery chances are not costed
   * here: their prizes are costed where they are paid. {@code value} = conversions × value per
   * conversion, null while either is unknown.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Valuation(long pointsPerYuan, long cashCost, long pointsGranted, long pointsCost, long couponsIssued,
      long couponsRedeemed, long couponCost, long totalCost, Long conversions, Long value) {}

  /**
   * New vs existing customers among the participants (and the measured converted): new = registered
   * within the campaign window, or, with no registration time, first seen (first event) within it.
   *
   * @param newConverted null while conversions are not measured (no conversion event set)
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Split(long newParticipants, long existingParticipants, Long newConverted, Long existingConverted) {}
}
