package dev.flywheel.simulator;

import java.math.BigDecimal;
import java.util.List;

/**
 * A paid or organic source of customers: what a customer costs (CPA, yuan) and how good they turn
 * out to be later (the chance a drawn-down loan goes overdue). Seed 002: channel quality is
 * judged by later behaviour, not by registrations.
 */
record AcquisitionChannel(String name, BigDecimal costPerAcquisition, double share, double overdueRate,
    double registrationRate) {

  static final List<AcquisitionChannel> ALL = List.of(
      new AcquisitionChannel("app_store", new BigDecimal("35.00"), 0.22, 0.04, 0.84),
      new AcquisitionChannel("douyin_ads", new BigDecimal("28.00"), 0.24, 0.09, 0.78),
      new AcquisitionChannel("baidu_search", new BigDecimal("45.00"), 0.14, 0.05, 0.82),
      new AcquisitionChannel("partner_h5", new BigDecimal("20.00"), 0.18, 0.14, 0.74),
      new AcquisitionChannel("wechat", new BigDecimal("18.00"), 0.12, 0.06, 0.80),
      new AcquisitionChannel("referral", new BigDecimal("10.00"), 0.10, 0.03, 0.86));
}
