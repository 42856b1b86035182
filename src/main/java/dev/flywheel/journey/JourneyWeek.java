package dev.flywheel.journey;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;

/**
 * One ISO week of one message step and copy variant of a journey version: messages planned in
 * that week and how far they got (reach's figures), and {@code converted}: runs that got such a
 * message that week and later reached the journey's goal.
 *
 * @param week the Monday of the ISO week (tenant's zone)
 * @param delivered messages delivered: the customers reached
 * @param clicked messages whose link was clicked (click-to-download)
 */
public record JourneyWeek(LocalDate week, int version, String step, String variant, long messages, long sent,
    long delivered, long opened, long clicked, long converted) {

  /** The ISO week as a label, e.g. {@code 2026-W48}. */
  @JsonProperty("iso_week")
  public String isoWeek() {
    return String.format("%d-W%02d", week.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR),
        week.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  @JsonProperty("open_rate")
  public Double openRate() {
    return delivered == 0 ? null : (double) opened / delivered;
  }

  @JsonProperty("click_rate")
  public Double clickRate() {
    return delivered == 0 ? null : (double) clicked / delivered;
  }

  @JsonProperty("conversion_rate")
  public Double conversionRate() {
    return delivered == 0 ? null : (double) converted / delivered;
  }
}
