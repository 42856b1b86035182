package dev.flywheel.simulator;

import java.util.List;

/** A funding party (bank, consumer-finance company) with its approval rate and credit lines. */
record Funder(String name, double share, double approvalRate, int minLine, int maxLine) {
  static final List<Funder> ALL = List.of(
      new Funder("north_bank", 0.35, 0.16, 5_000, 50_000),
      new Funder("east_consumer_finance", 0.40, 0.22, 3_000, 30_000),
      new Funder("city_trust", 0.25, 0.24, 2_000, 20_000));
}
