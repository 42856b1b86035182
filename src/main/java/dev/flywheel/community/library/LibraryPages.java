package dev.flywheel.community.library;

import dev.flywheel.community.ActivityLibrary;
import dev.flywheel.community.CalendarResult;
import dev.flywheel.community.Communities;
import dev.flywheel.community.ContentCalendar;
import dev.flywheel.community.GameForm;
import dev.flywheel.community.GamePrize;
import dev.flywheel.community.LibraryActivity;
import dev.flywheel.community.LibraryExport;
import dev.flywheel.community.SopMode;
import dev.flywheel.community.sop.CalendarJson;
import dev.flywheel.ledger.Asset;
import dev.flywheel.platform.security.ConsoleUser;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The console's activity library: ranking and search, create and edit (new versions), export to my community. */
@Controller
class LibraryPages {
  static final String PATH = "/console/community-library";
  private final ActivityLibrary library;
  private final Communities communities;
  private final ContentCalendar calendar;

  LibraryPages(ActivityLibrary library, Communities communities, ContentCalendar calendar) {
    this.library = library;
    this.communities = communities;
    this.calendar = calendar;
  }

  @GetMapping(PATH)
  String browse(@AuthenticationPrincipal ConsoleUser me, @RequestParam(required = false) String q,
      @RequestParam(required = false) String theme, @RequestParam(required = false) String tag, Model model) {
    model.addAttribute("q", q);
    model.addAttribute("theme", theme);
    model.addAttribute("tag", tag);
    model.addAttribute("results", library.search(me.tenantId(), q, theme, tag));
    model.addAttribute("ranking", library.ranking(me.tenantId()));
    return "community-sop/library";
  }

  @GetMapping(PATH + "/new")
  String create(Model model) {
    return form(null, LibraryForm.blank(), List.of(), model);
  }

  @PostMapping(PATH)
  String create(@AuthenticationPrincipal ConsoleUser me, @ModelAttribute LibraryForm form, Model model) {
    return saved(library.create(me.tenantId(), form.script(), me.username()), null, form, model);
  }

  @PostMapping(PATH + "/{id}")
  String edit(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id, @ModelAttribute LibraryForm form,
      Model model) {
    LibraryActivity current = library.find(me.tenantId(), id, null).orElse(null);
    return saved(library.edit(me.tenantId(), id, form.script(), me.username()), current, form, model);
  }

  @GetMapping(PATH + "/{id}")
  String activity(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id,
      @RequestParam(required = false) Integer version, Model model) {
    LibraryActivity shown = library.find(me.tenantId(), id, version).orElse(null);
    if (shown == null) {
      return "redirect:" + PATH;
    }
    model.addAttribute("shown", shown);
    model.addAttribute("versions", library.versions(me.tenantId(), id));
    model.addAttribute("mine", communities.list(me.tenantId()).stream()
        .filter(c -> !c.archived() && c.managedBy(me.username())).toList());
    model.addAttribute("today", calendar.today(me.tenantId()));
    model.addAttribute("modes", SopMode.values());
    model.addAttribute("assets", Asset.values());
    return form(shown, LibraryForm.of(shown.script()), List.of(), model);
  }

  @PostMapping(PATH + "/{id}/export")
  String export(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id, @RequestParam long community,
      @RequestParam String date, @RequestParam String time, @RequestParam(defaultValue = "AUTO") String mode,
      @RequestParam(required = false) List<String> texts, @RequestParam(required = false) Long prizeAmount,
      @RequestParam(required = false) String prizeAsset, RedirectAttributes redirect) {
    LocalDate day = CalendarJson.date(date);
    LocalTime at = CalendarJson.time(time);
    java.time.Instant start = day == null || at == null ? null
        : day.atTime(at).atZone(calendar.zone(me.tenantId())).toInstant();
    GamePrize prize = prizeAmount == null || prizeAsset == null || prizeAsset.isBlank() ? null
        : new GamePrize(CalendarJson.named(Asset.class, prizeAsset), prizeAmount);
    var result = library.export(me.tenantId(), id, new ActivityLibrary.ExportRequest(community, start,
        CalendarJson.named(SopMode.class, mode), texts, prize, me.username()));
    if (result instanceof CalendarResult.Refused<LibraryExport> r) {
      redirect.addFlashAttribute("error", r.message() + r.issues().stream().map(i -> " · " + i.field() + ": "
          + i.message()).reduce("", String::concat));
      return "redirect:" + PATH + "/" + id;
    }
    redirect.addFlashAttribute("notice", "library.exported");
    return "redirect:/console/community-calendar?community=" + community + "&week=" + day;
  }

  private String saved(CalendarResult<LibraryActivity> result, LibraryActivity current, LibraryForm form, Model model) {
    if (result instanceof CalendarResult.Done<LibraryActivity> d) {
      return "redirect:" + PATH + "/" + d.value().id();
    }
    CalendarResult.Refused<LibraryActivity> r = (CalendarResult.Refused<LibraryActivity>) result;
    model.addAttribute("error", r.message());
    return form(current, form, r.issues(), model);
  }

  private String form(LibraryActivity current, LibraryForm form, List<?> issues, Model model) {
    model.addAttribute("current", current);
    model.addAttribute("form", form);
    model.addAttribute("issues", issues);
    model.addAttribute("forms", GameForm.values());
    model.addAttribute("assetNames", Asset.values());
    return current != null && model.containsAttribute("shown") ? "community-sop/activity" : "community-sop/activity-form";
  }
}
