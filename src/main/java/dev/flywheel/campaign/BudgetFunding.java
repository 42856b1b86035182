package dev.flywheel.campaign;

import dev.flywheel.ledger.Budget;
import dev.flywheel.ledger.Ledger;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Funds a campaign's ledger budget when a version is approved: each asset is topped up to the
 * approved plan's amount (in the approval's transaction). The ledger never takes value back, so an
 * approved lower budget leaves what was funded (and says so nowhere else: documented limit).
 */
@Component
class BudgetFunding {
  private final Ledger ledger;

  BudgetFunding(Ledger ledger) {
    this.ledger = ledger;
  }

  void fundTo(long tenantId, long campaignId, Map<Asset, Long> budget, String approver) {
    Budget funded = ledger.budget(tenantId, campaignId);
    budget.forEach((asset, amount) -> {
      dev.flywheel.ledger.Asset ledgerAsset = dev.flywheel.ledger.Asset.valueOf(asset.name());
      Budget.Line line = funded.lines().get(ledgerAsset);
      long missing = amount - (line == null ? 0 : line.funded());
      if (missing > 0) {
        ledger.fund(tenantId, campaignId, ledgerAsset, missing, approver);
      }
    });
  }
}
