package dev.flywheel.console;

import dev.flywheel.platform.security.ConsoleUser;
import dev.flywheel.reach.PhoneTaskOutcome;
import dev.flywheel.reach.delivery.PhoneTask;
import dev.flywheel.reach.delivery.PhoneTasks;
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
 * The employees' task inbox: open call tasks with the customer's (masked) context, "take the
 * next one" or claim a given one (never the same task for two employees), and outcome buttons for
 * the tasks one holds.
 */
@Controller
@PreAuthorize("hasRole('EMPLOYEE')")
class PhoneTasksPage {
  static final String PATH = "/console/reach/phone-tasks";
  private static final int MAX_NOTE = 1000;
  private final PhoneTasks tasks;
  private final TenantCalendar calendar;

  PhoneTasksPage(PhoneTasks tasks, TenantCalendar calendar) {
    this.tasks = tasks;
    this.calendar = calendar;
  }

  @GetMapping(PATH)
  String inbox(@AuthenticationPrincipal ConsoleUser me, Model model) {
    model.addAttribute("mine", tasks.claimedBy(me.tenantId(), me.username()));
    model.addAttribute("open", tasks.list(me.tenantId(), PhoneTask.Status.OPEN, 0, 50));
    model.addAttribute("openCount", tasks.count(me.tenantId(), PhoneTask.Status.OPEN));
    model.addAttribute("outcomes", PhoneTaskOutcome.Outcome.values());
    model.addAttribute("zone", calendar.zone(me.tenantId()));
    return "reach/phone-tasks";
  }

  @PostMapping(PATH + "/next")
  String next(@AuthenticationPrincipal ConsoleUser me, RedirectAttributes redirect) {
    if (tasks.claimNext(me.tenantId(), me.username()).isEmpty()) {
      redirect.addFlashAttribute("error", "phonetasks.none");
    }
    return "redirect:" + PATH;
  }

  @PostMapping(PATH + "/{id}/claim")
  String claim(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id, RedirectAttributes redirect) {
    if (tasks.claim(me.tenantId(), id, me.username()).isEmpty()) {
      redirect.addFlashAttribute("error", "phonetasks.taken");
    }
    return "redirect:" + PATH;
  }

  @PostMapping(PATH + "/{id}/outcome")
  String outcome(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id,
      @RequestParam PhoneTaskOutcome.Outcome outcome, @RequestParam(required = false) String note,
      RedirectAttributes redirect) {
    String cleaned = note == null ? null : note.length() > MAX_NOTE ? note.substring(0, MAX_NOTE) : note;
    switch (tasks.record(me.tenantId(), id, me.username(), outcome, cleaned)) {
      case PhoneTasks.Recording.Recorded r -> redirect.addFlashAttribute("notice", "phonetasks.recorded");
      case PhoneTasks.Recording.Refused r -> redirect.addFlashAttribute("error", "phonetasks.notYours");
    }
    return "redirect:" + PATH;
  }
}
