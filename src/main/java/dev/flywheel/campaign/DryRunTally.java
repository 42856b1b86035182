package dev.flywheel.campaign;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The counting side of a dry run: outcomes, grants and cost per asset and day. Not thread-safe. */
final class DryRunTally {
  private static final Set<Asset> MONEY = Set.of(Asset.CASH_BACK, Asset.INTEREST_BONUS);
  private final ZoneId zone;
  private long scanned;
  private long evaluated;
  private long applications;
  private final Map<String, Long> outcomes = new TreeMap<>();
  private final Set<String> participants = new HashSet<>();
  private final Map<Asset, Long> grants = new EnumMap<>(Asset.class);
  private final Map<Asset, Long> units = new EnumMap<>(Asset.class);
  private final Map<LocalDate, Map<Asset, Long>> perDay = new TreeMap<>();

  DryRunTally(ZoneId zone) {
    this.zone = zone;
  }

  void scanned() {
    scanned++;
  }

  void outcome(String reason) {
    evaluated++;
    outcomes.merge(reason, 1L, Long::sum);
    if ("APPLIED".equals(reason)) {
      applications++;
    }
  }

  void grant(Instant occurredAt, String recipient, Asset asset, long amount) {
    participants.add(recipient);
    grants.merge(asset, 1L, Long::sum);
    units.merge(asset, amount, Long::sum);
    perDay.computeIfAbsent(LocalDate.ofInstant(occurredAt, zone), d -> new EnumMap<>(Asset.class))
        .merge(asset, amount, Long::sum);
  }

  DryRunReport report(long campaignId, int version, Instant from, Instant to, Map<Asset, Long> budget) {
    List<DryRunReport.DayCost> days = new ArrayList<>();
    LocalDate last = LocalDate.ofInstant(to.minusNanos(1), zone);
    for (LocalDate d = LocalDate.ofInstant(from, zone); !d.isAfter(last); d = d.plusDays(1)) {
      days.add(new DryRunReport.DayCost(d, Map.copyOf(perDay.getOrDefault(d, Map.of()))));
    }
    List<DryRunReport.AssetCost> assets = new ArrayList<>();
    LocalDate runsOut = null;
    for (Asset asset : Asset.values()) {
      if (!units.containsKey(asset) && !budget.containsKey(asset)) {
        continue;
      }
      long total = units.getOrDefault(asset, 0L);
      long limit = budget.getOrDefault(asset, 0L);
      LocalDate out = runOutDay(asset, limit);
      runsOut = out != null && (runsOut == null || out.isBefore(runsOut)) ? out : runsOut;
      assets.add(new DryRunReport.AssetCost(asset, grants.getOrDefault(asset, 0L), total,
          MONEY.contains(asset) ? BigDecimal.valueOf(total, 2).toPlainString() : null, limit, out));
    }
    return new DryRunReport(campaignId, version, from, to, zone.getId(), scanned, evaluated, applications,
        participants.size(), Map.copyOf(outcomes), List.copyOf(assets), List.copyOf(days), runsOut);
  }

  /** The first day whose cumulative cost of {@code asset} exceeds {@code budget}, or null. */
  private LocalDate runOutDay(Asset asset, long budget) {
    long cumulative = 0;
    for (var day : perDay.entrySet()) {
      cumulative += day.getValue().getOrDefault(asset, 0L);
      if (cumulative > budget) {
        return day.getKey();
      }
    }
    return null;
  }
}
