package dev.flywheel.community.sop;

import dev.flywheel.community.CalendarResult;
import dev.flywheel.community.CalendarSlot;
import dev.flywheel.community.Communities;
import dev.flywheel.community.Community;
import dev.flywheel.community.ContentCalendar;
import dev.flywheel.platform.security.ConsoleUser;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The console's community calendar: a week grid per community, mark done, apply a template, the weekly report. */
@Controller
class CalendarPages {
  static final String PATH = "/console/community-calendar";
  private final ContentCalendar calendar;
  private final Communities communities;

  CalendarPages(ContentCalendar calendar, Communities communities) {
    this.calendar = calendar;
    this.communities = communities;
  }

  @GetMapping(PATH)
  String week(@AuthenticationPrincipal ConsoleUser me, @RequestParam(required = false) Long community,
      @RequestParam(required = false) String week, Model model) {
    Optional<Community> chosen = choose(me, community, model);
    LocalDate monday = TenantWeeks.monday(Optional.ofNullable(CalendarJson.date(week))
        .orElse(calendar.today(me.tenantId())));
    ZoneId zone = calendar.zone(me.tenantId());
    Map<DayOfWeek, List<CalendarSlot>> days = new LinkedHashMap<>();
    for (DayOfWeek d : DayOfWeek.values()) {
      days.put(d, List.of());
    }
    chosen.ifPresent(c -> calendar.week(me.tenantId(), c.id(), monday).forEach(s -> days.merge(
        s.dueAt().atZone(zone).getDayOfWeek(), List.of(s), (a, b) -> java.util.stream.Stream.concat(a.stream(),
            b.stream()).toList())));
    model.addAttribute("monday", monday);
    model.addAttribute("days", days);
    model.addAttribute("zone", zone);
    model.addAttribute("templates", calendar.templates(me.tenantId()));
    model.addAttribute("manages", chosen.map(c -> c.managedBy(me.username())).orElse(false));
    model.addAttribute("myTasks", calendar.openTasks(me.tenantId(), me.username()));
    return "community-sop/calendar";
  }

  /** The week grid as the "Calendar" tab of the community's page ({@link CalendarTabs}). */
  @GetMapping("/console/communities/{id}/calendar")
  String communityWeek(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id,
      @RequestParam(required = false) String week, Model model) {
    tab(me, id, "calendar", model);
    return week(me, id, week, model);
  }

  /** The weekly report as the "Weekly report" tab of the community's page. */
  @GetMapping("/console/communities/{id}/report")
  String communityReport(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id,
      @RequestParam(required = false) String week, Model model) {
    tab(me, id, "report", model);
    return report(me, id, week, model);
  }

  private void tab(ConsoleUser me, long id, String tab, Model model) {
    communities.find(me.tenantId(), id).orElseThrow(() -> new org.springframework.web.server.ResponseStatusException(
        org.springframework.http.HttpStatus.NOT_FOUND));
    model.addAttribute("activeTab", tab);
  }

  @PostMapping(PATH + "/{community}/apply")
  String apply(@AuthenticationPrincipal ConsoleUser me, @PathVariable long community, @RequestParam long template,
      @RequestParam(required = false) String week, RedirectAttributes redirect) {
    LocalDate day = Optional.ofNullable(CalendarJson.date(week)).orElse(calendar.today(me.tenantId()));
    if (calendar.apply(me.tenantId(), community, template, day, me.username()) instanceof CalendarResult.Refused<?> r) {
      redirect.addFlashAttribute("error", r.message());
    } else {
      redirect.addFlashAttribute("notice", "sop.applied");
    }
    return "redirect:" + PATH + "?community=" + community + "&week=" + TenantWeeks.monday(day);
  }

  @PostMapping(PATH + "/slots/{slot}/done")
  String done(@AuthenticationPrincipal ConsoleUser me, @PathVariable long slot, RedirectAttributes redirect) {
    Optional<CalendarSlot> found = calendar.slot(me.tenantId(), slot);
    if (calendar.markDone(me.tenantId(), slot, me.username()) instanceof CalendarResult.Refused<?> r) {
      redirect.addFlashAttribute("error", r.message());
    } else {
      redirect.addFlashAttribute("notice", "sop.markedDone");
    }
    return found.map(s -> "redirect:" + PATH + "?community=" + s.communityId() + "&week=" + s.weekStart())
        .orElse("redirect:" + PATH);
  }

  @GetMapping(PATH + "/report")
  String report(@AuthenticationPrincipal ConsoleUser me, @RequestParam(required = false) Long community,
      @RequestParam(required = false) String week, Model model) {
    Optional<Community> chosen = choose(me, community, model);
    LocalDate monday = TenantWeeks.monday(Optional.ofNullable(CalendarJson.date(week))
        .orElse(calendar.today(me.tenantId())));
    model.addAttribute("monday", monday);
    model.addAttribute("report", chosen.flatMap(c -> calendar.report(me.tenantId(), c.id(), monday)).orElse(null));
    return "community-sop/report";
  }

  private Optional<Community> choose(ConsoleUser me, Long community, Model model) {
    List<Community> all = communities.list(me.tenantId()).stream().filter(c -> !c.archived()).toList();
    Optional<Community> chosen = community != null ? all.stream().filter(c -> c.id() == community).findFirst()
        : all.stream().filter(c -> c.managedBy(me.username())).findFirst().or(() -> all.stream().findFirst());
    model.addAttribute("communities", all);
    model.addAttribute("community", chosen.orElse(null));
    return chosen;
  }
}
