package dev.flywheel.review;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * What the team writes: targets and figures the platform does not measure (null = not given),
 * and the Analysis (causes) and Insights (rules learned).
 *
 * @param reached customers reached (entered: reach is measured by the channels)
 * @param conversions customers who converted (entered)
 * @param valuePerConversion value of one conversion in fen, for ROI
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReviewSections(Long reachTarget, Long participantTarget, Long conversionTarget, Long reached,
    Long conversions, Long valuePerConversion, String analysis, String insights) {

  public static final ReviewSections EMPTY = new ReviewSections(null, null, null, null, null, null, "", "");

  public ReviewSections {
    analysis = analysis == null ? "" : analysis;
    insights = insights == null ? "" : insights;
  }
}
