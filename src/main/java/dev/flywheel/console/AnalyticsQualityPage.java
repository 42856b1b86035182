package dev.flywheel.console;

import dev.flywheel.analytics.AcquisitionPrices;
import dev.flywheel.analytics.FunderAlerts;
import dev.flywheel.analytics.Quality;
import dev.flywheel.platform.security.ConsoleUser;
import dev.flywheel.platform.web.Problem;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Channel and funder quality: conversion, cost (CPA/CPS/fixed prices entered here), overdue and
 * bad debt by cohort month; funders whose approval rate or credit line dropped, with the alert
 * e-mail set-up and the alerts sent. Entering prices and alert settings: OPERATOR or ADMIN.
 */
@Controller
class AnalyticsQualityPage {
  private static final String EDIT = "hasAnyRole('OPERATOR', 'ADMIN')";
  private final Quality quality;
  private final AcquisitionPrices prices;
  private final FunderAlerts alerts;
  private final Clock clock;

  AnalyticsQualityPage(Quality quality, AcquisitionPrices prices, FunderAlerts alerts, Clock clock) {
    this.quality = quality;
    this.prices = prices;
    this.alerts = alerts;
    this.clock = clock;
  }

  @GetMapping("/console/analytics/quality")
  String page(@AuthenticationPrincipal ConsoleUser me, @RequestParam(defaultValue = "90") int days,
      @RequestParam(required = false) Integer threshold, Model model) {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    int limit = threshold == null ? alerts.threshold(me.tenantId()) : threshold;
    model.addAttribute("days", days);
    model.addAttribute("threshold", limit);
    model.addAttribute("channels", quality.channels(me.tenantId(), today.minusDays(Math.max(1, days)), today));
    model.addAttribute("funders", quality.funders(me.tenantId(), limit));
    model.addAttribute("prices", prices.list(me.tenantId()));
    model.addAttribute("models", AcquisitionPrices.Model.values());
    model.addAttribute("settings", alerts.settings(me.tenantId()).orElse(null));
    model.addAttribute("alerts", alerts.list(me.tenantId(), 20));
    return "analytics/quality";
  }

  @PostMapping("/console/analytics/quality/prices")
  @PreAuthorize(EDIT)
  String addPrice(@AuthenticationPrincipal ConsoleUser me, @RequestParam String channel, @RequestParam String model,
      @RequestParam(required = false) LocalDate periodStart, @RequestParam(required = false) LocalDate periodEnd,
      @RequestParam(required = false) BigDecimal price, RedirectAttributes flash) {
    try {
      prices.save(me.tenantId(), channel.trim(), model, periodStart, periodEnd, price, me.getUsername());
    } catch (Problem p) {
      flash.addFlashAttribute("priceError", message(p));
    }
    return "redirect:/console/analytics/quality";
  }

  @PostMapping("/console/analytics/quality/prices/{id}/delete")
  @PreAuthorize(EDIT)
  String deletePrice(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id) {
    prices.delete(me.tenantId(), id);
    return "redirect:/console/analytics/quality";
  }

  @PostMapping("/console/analytics/quality/alerts")
  @PreAuthorize(EDIT)
  String saveAlerts(@AuthenticationPrincipal ConsoleUser me, @RequestParam(required = false) Integer thresholdPercent,
      @RequestParam(defaultValue = "") String recipients, RedirectAttributes flash) {
    List<String> list = Arrays.stream(recipients.split("[,;\\s]+")).filter(s -> !s.isBlank()).toList();
    try {
      alerts.save(me.tenantId(), thresholdPercent, list, me.getUsername());
    } catch (Problem p) {
      flash.addFlashAttribute("alertError", message(p));
    }
    return "redirect:/console/analytics/quality";
  }

  @PostMapping("/console/analytics/quality/alerts/check")
  @PreAuthorize(EDIT)
  String check(@AuthenticationPrincipal ConsoleUser me, RedirectAttributes flash) {
    flash.addFlashAttribute("checked", alerts.check(me.tenantId()));
    return "redirect:/console/analytics/quality";
  }

  private static String message(Problem p) {
    return p.fields().isEmpty() ? p.getMessage() : p.fields().getFirst().field() + ": " + p.fields().getFirst().message();
  }
}
