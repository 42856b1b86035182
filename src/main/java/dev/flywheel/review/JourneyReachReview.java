package dev.flywheel.review;

import dev.flywheel.journey.JourneyWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The weekly reach review of a journey (seed 003): per ISO week, journey version, step and copy
 * variant, messages reached (delivered), opened, clicked (click-to-download) and converted (the
 * run reached the journey's goal); totals per week and per version and variant.
 *
 * @param zone the tenant's zone the weeks are cut in
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JourneyReachReview(long journeyId, String name, String zone, List<JourneyWeek> rows, List<Total> weeks,
    List<Total> variants) {

  /**
   * Sums over rows: {@code week} set for a week total, {@code version}/{@code step}/{@code variant}
   * set for a variant total.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Total(LocalDate week, Integer version, String step, String variant, long messages, long delivered,
      long opened, long clicked, long converted) {

    public String isoWeek() {
      return week == null ? null : JourneyReachReview.isoWeek(week);
    }

    public Double clickRate() {
      return delivered == 0 ? null : (double) clicked / delivered;
    }

    public Double conversionRate() {
      return delivered == 0 ? null : (double) converted / delivered;
    }
  }

  /** ISO week label, e.g. {@code 2026-W48}. */
  public static String isoWeek(LocalDate monday) {
    return String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }
}
