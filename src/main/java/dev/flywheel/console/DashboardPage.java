package dev.flywheel.console;

import dev.flywheel.customer.Customers;
import dev.flywheel.customer.LifecycleStage;
import dev.flywheel.customer.LoanStage;
import dev.flywheel.event.DailyTypeCount;
import dev.flywheel.event.EventHistory;
import dev.flywheel.platform.security.ConsoleUser;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The operator's landing page: headline numbers, events per day, where customers stand. */
@Controller
class DashboardPage {
  static final int DAYS = 30;
  private final Customers customers;
  private final EventHistory events;
  private final TenantCalendar calendar;
  private final DashboardCharts charts;

  DashboardPage(Customers customers, EventHistory events, TenantCalendar calendar, DashboardCharts charts) {
    this.customers = customers;
    this.events = events;
    this.calendar = calendar;
    this.charts = charts;
  }

  @GetMapping("/console")
  String dashboard(@AuthenticationPrincipal ConsoleUser me, Model model) {
    long tenant = me.tenantId();
    ZoneId zone = calendar.zone(tenant);
    LocalDate to = calendar.today(zone);
    LocalDate from = to.minusDays(DAYS - 1);
    List<DailyTypeCount> daily = events.perDayPerType(tenant, from, to, zone);
    Map<LoanStage, Long> byLoan = customers.countByLoanStage(tenant);
    Map<LifecycleStage, Long> byLifecycle = customers.countByLifecycleStage(tenant);

    model.addAttribute("customersTotal", byLoan.values().stream().mapToLong(Long::longValue).sum());
    model.addAttribute("eventsTotal", events.count(tenant));
    model.addAttribute("eventsRecent", daily.stream().mapToLong(DailyTypeCount::count).sum());
    model.addAttribute("days", DAYS);
    model.addAttribute("zone", zone);
    model.addAttribute("byLoan", byLoan);
    model.addAttribute("byLifecycle", byLifecycle);
    model.addAttribute("eventsChart", charts.eventsPerDay(daily, from, to));
    model.addAttribute("loanChart", charts.loanFunnel(byLoan));
    model.addAttribute("lifecycleChart", charts.lifecycle(byLifecycle));
    return "console/dashboard";
  }
}
