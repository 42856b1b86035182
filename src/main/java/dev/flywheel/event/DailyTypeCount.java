package dev.flywheel.event;

import java.time.LocalDate;

/** How many events of one type occurred on one day (in the zone asked for). */
public record DailyTypeCount(LocalDate day, String type, long count) {}
