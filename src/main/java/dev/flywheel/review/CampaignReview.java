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
 * @param roi (value − cash cost) / cash cost, null when no value or no cash cost
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CampaignReview(long campaignId, String name, String purpose, String theme, Instant startsAt,
    Instant endsAt, List<Link> links, List<Cost> costs, Double roi, ReviewSections sections, int version,
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
}
