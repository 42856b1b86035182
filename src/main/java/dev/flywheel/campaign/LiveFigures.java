package dev.flywheel.campaign;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a running campaign has granted, from its committed decisions (so exactly what the ledger
 * booked for it): per day of the tenant's zone, oldest first, and over the period.
 *
 * @param participants distinct customers granted something in the period
 * @param grants grants per asset in the period
 * @param units units per asset in the period (fen for money)
 */
public record LiveFigures(List<Day> days, long participants, Map<Asset, Long> grants, Map<Asset, Long> units) {

  /** @param participants distinct customers granted something that day */
  public record Day(LocalDate day, Map<Asset, Long> units, long grants, long participants) {}
}
