package dev.flywheel.analytics.web;

import dev.flywheel.analytics.AcquisitionPrices;
import dev.flywheel.analytics.FunderAlerts;
import dev.flywheel.platform.tenancy.CurrentTenant;
import dev.flywheel.platform.web.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** CPA/CPS acquisition prices and the funder alert set-up (API key). See {@code docs/api/analytics.md}. */
@RestController
class CostsAndAlertsController {
  private final CurrentTenant tenant;
  private final AcquisitionPrices prices;
  private final FunderAlerts alerts;

  CostsAndAlertsController(CurrentTenant tenant, AcquisitionPrices prices, FunderAlerts alerts) {
    this.tenant = tenant;
    this.prices = prices;
    this.alerts = alerts;
  }

  @GetMapping("/api/v1/analytics/channels/prices")
  Map<String, Object> prices() {
    return Map.of("prices", prices.list(tenant.id()));
  }

  /** Body: {@code channel}, {@code model} (CPA, CPS, FIXED), {@code period_start}, {@code period_end}, {@code price}. */
  @PostMapping("/api/v1/analytics/channels/prices")
  @ResponseStatus(HttpStatus.CREATED)
  AcquisitionPrices.Price addPrice(@RequestBody Map<String, Object> body) {
    return prices.save(tenant.id(), Requests.str(body.get("channel"), null), Requests.str(body.get("model"), null),
        Requests.date(body.get("period_start"), "period_start", null), Requests.date(body.get("period_end"), "period_end", null),
        Requests.amount(body.get("price"), "price"), tenant.actor());
  }

  @DeleteMapping("/api/v1/analytics/channels/prices/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void deletePrice(@PathVariable long id) {
    if (!prices.delete(tenant.id(), id)) {
      throw Problem.notFound("price", Long.toString(id));
    }
  }

  @GetMapping("/api/v1/analytics/funders/alerts/settings")
  Object settings() {
    return alerts.settings(tenant.id()).orElse(new FunderAlerts.Settings(FunderAlerts.DEFAULT_THRESHOLD, List.of(), null));
  }

  /** Body: {@code threshold_percent} (1–100), {@code recipients} (e-mail addresses). */
  @PutMapping("/api/v1/analytics/funders/alerts/settings")
  FunderAlerts.Settings saveSettings(@RequestBody Map<String, Object> body) {
    Integer threshold = body.get("threshold_percent") instanceof Number n ? Integer.valueOf(n.intValue()) : null;
    List<String> recipients = new ArrayList<>();
    if (body.get("recipients") instanceof List<?> list) {
      list.forEach(r -> recipients.add(r == null ? null : r.toString()));
    } else if (body.get("recipients") != null) {
      throw Requests.invalid("recipients", "invalid-email", "a list of e-mail addresses");
    }
    return alerts.save(tenant.id(), threshold, recipients, tenant.actor());
  }

  @GetMapping("/api/v1/analytics/funders/alerts")
  Map<String, Object> list(@RequestParam(defaultValue = "50") int limit) {
    return Map.of("alerts", alerts.list(tenant.id(), limit));
  }

  /** Checks now (the hourly job does the same): opens/closes alerts and e-mails new ones once. */
  @PostMapping("/api/v1/analytics/funders/alerts/check")
  FunderAlerts.CheckResult check() {
    return alerts.check(tenant.id());
  }
}
