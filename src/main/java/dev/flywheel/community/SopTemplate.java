package dev.flywheel.community;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/** An operator's weekly content SOP: the slots of a week, applied to communities week by week. */
public record SopTemplate(long id, String name, String description, List<Slot> slots, String createdBy,
    Instant updatedAt) {

  /**
   * One slot of the week, at a local time in the tenant's zone.
   *
   * @param id null in a draft
   * @param validFrom first date the slot runs (a promotion's dates); null for always
   * @param validTo last date the slot runs; null for always
   */
  public record Slot(Long id, DayOfWeek weekday, LocalTime time, SopSlotKind kind, SopMode mode, String title,
      String body, LocalDate validFrom, LocalDate validTo) {

    public boolean runsOn(LocalDate date) {
      return (validFrom == null || !date.isBefore(validFrom)) && (validTo == null || !date.isAfter(validTo));
    }
  }
}
