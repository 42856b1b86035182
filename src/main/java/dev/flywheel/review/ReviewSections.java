package dev.flywheel.review;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * What the team writes: targets and figures the platform does not measure (null = not given),
 * how to value points and what counts as a conversion, and the Analysis (causes) and Insights
 * (rules learned).
 *
 * @param reached customers reached; when given it replaces the measured reach (channels such as
 *     banners and splash screens measure exposure the platform does not see)
 * @param conversions customers who converted; when given it replaces the measured conversions
 * @param valuePerConversion value of one conversion in fen, for ROI
 * @param conversionEvent the event type that counts as a conversion (e.g. {@code drawdown}):
 *     participants with such an event in the campaign window are measured as converted
 * @param pointsPerYuan how many points are worth one yuan when points are costed for ROI; null
 *     uses {@code flywheel.review.points-per-yuan} (default 100, i.e. 1 point = 1 fen)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReviewSections(Long reachTarget, Long participantTarget, Long conversionTarget, Long reached,
    Long conversions, Long valuePerConversion, String conversionEvent, Long pointsPerYuan, String analysis,
    String insights) {

  public static final ReviewSections EMPTY = new ReviewSections(null, null, null, null, null, null, null, null, "", "");

  public ReviewSections {
    analysis = analysis == null ? "" : analysis;
    insights = insights == null ? "" : insights;
    conversionEvent = conversionEvent == null || conversionEvent.isBlank() ? null : conversionEvent.strip();
  }
}
