package dev.flywheel.console;

import dev.flywheel.lottery.FulfilmentStatus;
import dev.flywheel.lottery.Fulfilments;
import dev.flywheel.platform.security.ConsoleUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Employees' task list of won physical prizes: ship (with a tracking number), mark received. */
@Controller
@PreAuthorize(LotteryFulfilmentsPage.EMPLOYEE)
class LotteryFulfilmentsPage {
  static final String EMPLOYEE = "hasRole('EMPLOYEE')";
  private final Fulfilments fulfilments;
  private final TenantCalendar calendar;

  LotteryFulfilmentsPage(Fulfilments fulfilments, TenantCalendar calendar) {
    this.fulfilments = fulfilments;
    this.calendar = calendar;
  }

  @GetMapping("/console/lottery-fulfilments")
  ModelAndView list(@AuthenticationPrincipal ConsoleUser me, @RequestParam(required = false) String status) {
    FulfilmentStatus filter = parse(status);
    ModelAndView view = new ModelAndView("lottery/fulfilments");
    view.addObject("tasks", fulfilments.list(me.tenantId(), filter));
    view.addObject("statuses", FulfilmentStatus.values());
    view.addObject("status", filter);
    view.addObject("zone", calendar.zone(me.tenantId()));
    return view;
  }

  /** Moves a task on from {@code from} (TO_SHIP → SHIPPED with a tracking number, SHIPPED → RECEIVED). */
  @PostMapping("/console/lottery-fulfilments/{id}/advance")
  ModelAndView advance(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id, @RequestParam String from,
      @RequestParam(required = false) String trackingNo, RedirectAttributes flash) {
    FulfilmentStatus status = parse(from);
    Fulfilments.Step step = status == null
        ? new Fulfilments.Step.Refused("wrong-status", "Unknown status " + from)
        : fulfilments.advance(me.tenantId(), id, status, trackingNo == null || trackingNo.isBlank() ? null
            : trackingNo.strip(), me.username());
    if (step instanceof Fulfilments.Step.Refused r) {
      ModelAndView view = list(me, null);
      view.addObject("problem", r.detail());
      view.setStatus(r.code().equals("not-found") ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT);
      return view;
    }
    flash.addFlashAttribute("notice", "fulfilment.moved");
    return new ModelAndView("redirect:/console/lottery-fulfilments");
  }

  private static FulfilmentStatus parse(String status) {
    try {
      return status == null || status.isBlank() ? null : FulfilmentStatus.valueOf(status);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
