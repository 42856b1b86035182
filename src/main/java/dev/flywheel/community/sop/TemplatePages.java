package dev.flywheel.community.sop;

import dev.flywheel.community.CalendarResult;
import dev.flywheel.community.ContentCalendar;
import dev.flywheel.community.SopMode;
import dev.flywheel.community.SopSlotKind;
import dev.flywheel.community.SopTemplate;
import dev.flywheel.platform.security.ConsoleUser;
import dev.flywheel.platform.web.FieldIssue;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The SOP template editor: slot rows (weekday, time, kind, mode, title, text, dates); blank titles are dropped. */
@Controller
@PreAuthorize("hasAnyRole('OPERATOR', 'ADMIN')")
class TemplatePages {
  static final String PATH = "/console/community-sop-templates";
  private static final int BLANK_ROWS = 3;
  private final ContentCalendar calendar;

  TemplatePages(ContentCalendar calendar) {
    this.calendar = calendar;
  }

  @GetMapping(PATH)
  String list(@AuthenticationPrincipal ConsoleUser me, @RequestParam(required = false) Long id, Model model) {
    SopTemplate editing = id == null ? null : calendar.template(me.tenantId(), id).orElse(null);
    return form(me, editing, editing == null ? "" : editing.name(), editing == null ? "" : editing.description(),
        editing == null ? List.of() : editing.slots(), List.of(), model);
  }

  @PostMapping(PATH)
  String save(@AuthenticationPrincipal ConsoleUser me, @RequestParam(required = false) Long id,
      @RequestParam String name, @RequestParam(required = false) String description,
      @RequestParam(name = "weekday", required = false) List<String> weekdays,
      @RequestParam(name = "time", required = false) List<String> times,
      @RequestParam(name = "kind", required = false) List<String> kinds,
      @RequestParam(name = "mode", required = false) List<String> modes,
      @RequestParam(name = "title", required = false) List<String> titles,
      @RequestParam(name = "body", required = false) List<String> bodies,
      @RequestParam(name = "validFrom", required = false) List<String> froms,
      @RequestParam(name = "validTo", required = false) List<String> tos, Model model) {
    List<SopTemplate.Slot> slots = new ArrayList<>();
    int rows = titles == null ? 0 : titles.size();
    for (int i = 0; i < rows; i++) {
      if (titles.get(i) == null || titles.get(i).isBlank()) {
        continue;
      }
      slots.add(new SopTemplate.Slot(null, CalendarJson.weekday(at(weekdays, i)), CalendarJson.time(at(times, i)),
          CalendarJson.named(SopSlotKind.class, at(kinds, i)), CalendarJson.named(SopMode.class, at(modes, i)),
          titles.get(i), at(bodies, i), CalendarJson.date(at(froms, i)), CalendarJson.date(at(tos, i))));
    }
    CalendarResult<SopTemplate> saved = calendar.saveTemplate(me.tenantId(), id, name, description, slots,
        me.username());
    if (saved instanceof CalendarResult.Refused<SopTemplate> r) {
      model.addAttribute("error", r.message());
      SopTemplate editing = id == null ? null : calendar.template(me.tenantId(), id).orElse(null);
      return form(me, editing, name, description, slots, r.issues(), model);
    }
    return "redirect:" + PATH + "?id=" + ((CalendarResult.Done<SopTemplate>) saved).value().id();
  }

  private String form(ConsoleUser me, SopTemplate editing, String name, String description,
      List<SopTemplate.Slot> slots, List<FieldIssue> issues, Model model) {
    List<SopTemplate.Slot> rows = new ArrayList<>(slots);
    for (int i = 0; i < BLANK_ROWS; i++) {
      rows.add(new SopTemplate.Slot(null, DayOfWeek.TUESDAY, null, SopSlotKind.GAME, SopMode.TASK, "", "", null, null));
    }
    model.addAttribute("templates", calendar.templates(me.tenantId()));
    model.addAttribute("editing", editing);
    model.addAttribute("name", name);
    model.addAttribute("description", description);
    model.addAttribute("rows", rows);
    model.addAttribute("issues", issues);
    model.addAttribute("weekdays", DayOfWeek.values());
    model.addAttribute("kinds", SopSlotKind.values());
    model.addAttribute("modes", SopMode.values());
    return "community-sop/templates";
  }

  private static String at(List<String> values, int i) {
    return values != null && i < values.size() ? values.get(i) : null;
  }
}
