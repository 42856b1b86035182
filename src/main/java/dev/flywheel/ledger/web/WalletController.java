package dev.flywheel.ledger.web;

import dev.flywheel.customer.Customers;
import dev.flywheel.ledger.Coupon;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.ledger.Wallet;
import dev.flywheel.platform.tenancy.CurrentTenant;
import dev.flywheel.platform.web.Problem;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A customer's wallet for the app. A customer is found when the caller's tenant has a profile
 * for the id or the ledger has accounts for it; otherwise {@code not-found} — so another tenant's
 * customer is never visible, while a known customer with nothing yet gets an empty wallet.
 */
@RestController
class WalletController {
  private final CurrentTenant tenant;
  private final Ledger ledger;
  private final Customers customers;

  WalletController(CurrentTenant tenant, Ledger ledger, Customers customers) {
    this.tenant = tenant;
    this.ledger = ledger;
    this.customers = customers;
  }

  @GetMapping("/api/v1/customers/{id}/wallet")
  Map<String, Object> wallet(@PathVariable String id) {
    long tenantId = tenant.id();
    Wallet wallet = ledger.wallet(tenantId, id);
    if (wallet.isEmpty() && customers.find(tenantId, id).isEmpty()) {
      throw Problem.notFound("customer", id);
    }
    Map<String, Object> balances = new LinkedHashMap<>();
    wallet.balances().forEach((asset, b) -> balances.put(asset.name(),
        Map.of("available", b.available(), "pending", b.pending(), "debt", b.debt())));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("customer_id", id);
    json.put("balances", balances);
    json.put("coupons", wallet.coupons().stream().map(WalletController::coupon).toList());
    json.put("history", wallet.history().stream().map(m -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("entry_id", m.entryId());
      row.put("kind", m.kind());
      row.put("asset", m.asset().name());
      row.put("account", m.account());
      row.put("amount", m.amount());
      row.put("reference", m.reference());
      row.put("at", m.at().toString());
      return row;
    }).toList());
    return json;
  }

  static Map<String, Object> coupon(Coupon c) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("code", c.code());
    row.put("template_id", c.templateId());
    row.put("face_value", c.faceValue());
    row.put("min_spend", c.minSpend());
    row.put("valid_from", c.validFrom().toString());
    row.put("valid_to", c.validTo().toString());
    row.put("status", c.status());
    row.put("redeemed_at", c.redeemedAt() == null ? null : c.redeemedAt().toString());
    return row;
  }
}
