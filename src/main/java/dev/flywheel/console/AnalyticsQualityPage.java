package dev.flywheel.console;

import dev.flywheel.analytics.Quality;
import dev.flywheel.platform.security.ConsoleUser;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Channel and funder quality tables, funders whose approval rate or credit line dropped flagged. */
@Controller
class AnalyticsQualityPage {
  private final Quality quality;
  private final Clock clock;

  AnalyticsQualityPage(Quality quality, Clock clock) {
    this.quality = quality;
    this.clock = clock;
  }

  @GetMapping("/console/analytics/quality")
  String page(@AuthenticationPrincipal ConsoleUser me, @RequestParam(defaultValue = "90") int days,
      @RequestParam(defaultValue = "20") int threshold, Model model) {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    model.addAttribute("days", days);
    model.addAttribute("threshold", threshold);
    model.addAttribute("channels", quality.channels(me.tenantId(), today.minusDays(Math.max(1, days)), today));
    model.addAttribute("funders", quality.funders(me.tenantId(), threshold));
    return "analytics/quality";
  }
}
