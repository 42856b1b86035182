package dev.flywheel.console;

import dev.flywheel.customer.CustomerPage;
import dev.flywheel.customer.CustomerProfile;
import dev.flywheel.customer.CustomerSearch;
import dev.flywheel.customer.Customers;
import dev.flywheel.customer.LifecycleStage;
import dev.flywheel.customer.LoanStage;
import dev.flywheel.customer.StageTransition;
import dev.flywheel.event.EventHistory;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.platform.security.ConsoleUser;
import java.util.Comparator;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** Finding a customer and looking at one: profile, stages, wallet, history and recent events. */
@Controller
class CustomersPage {
  static final int PAGE_SIZE = 20;
  static final int LAST_EVENTS = 50;
  private final Customers customers;
  private final EventHistory events;
  private final TenantCalendar calendar;
  private final Ledger ledger;

  CustomersPage(Customers customers, EventHistory events, TenantCalendar calendar, Ledger ledger) {
    this.customers = customers;
    this.events = events;
    this.calendar = calendar;
    this.ledger = ledger;
  }

  /** The whole page, or only the results table when htmx asks (search form and pager). */
  @GetMapping("/console/customers")
  String search(@AuthenticationPrincipal ConsoleUser me,
      @RequestParam(required = false) String idPrefix, @RequestParam(required = false) String tag,
      @RequestParam(required = false) LoanStage loanStage,
      @RequestParam(required = false) LifecycleStage lifecycleStage,
      @RequestParam(defaultValue = "0") int page,
      @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
    CustomerSearch filters = new CustomerSearch(blankToNull(idPrefix), blankToNull(tag), loanStage, lifecycleStage);
    CustomerPage result = customers.search(me.tenantId(), filters, page, PAGE_SIZE);
    model.addAttribute("filters", filters);
    model.addAttribute("result", result);
    model.addAttribute("pages", Math.max(1, (result.total() + PAGE_SIZE - 1) / PAGE_SIZE));
    model.addAttribute("loanStages", LoanStage.values());
    model.addAttribute("lifecycleStages", LifecycleStage.values());
    model.addAttribute("zone", calendar.zone(me.tenantId()));
    return htmx != null ? "console/customers/list :: results" : "console/customers/list";
  }

  @GetMapping("/console/customers/{id}")
  ModelAndView detail(@AuthenticationPrincipal ConsoleUser me, @PathVariable String id) {
    Optional<CustomerProfile> found = customers.find(me.tenantId(), id);
    if (found.isEmpty()) {
      return NotFound.page("notfound.customer", id);
    }
    ModelAndView view = new ModelAndView("console/customers/detail");
    view.addObject("customer", found.get());
    // by time, so loan and lifecycle moves interleave as they happened (the sort is stable)
    view.addObject("history", customers.stageHistory(me.tenantId(), id).stream()
        .sorted(Comparator.comparing(StageTransition::at)).toList());
    view.addObject("events", events.lastEvents(me.tenantId(), id, LAST_EVENTS, null));
    view.addObject("wallet", ledger.wallet(me.tenantId(), id));
    view.addObject("zone", calendar.zone(me.tenantId()));
    return view;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
