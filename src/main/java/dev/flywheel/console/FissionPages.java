package dev.flywheel.console;

import dev.flywheel.customer.Segments;
import dev.flywheel.fission.Activities;
import dev.flywheel.fission.Activity;
import dev.flywheel.fission.ActivityDraft;
import dev.flywheel.fission.ActivityResult;
import dev.flywheel.fission.Notices;
import dev.flywheel.fission.Recommendations;
import dev.flywheel.fission.Results;
import dev.flywheel.platform.security.ConsoleUser;
import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.web.FieldIssue;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Fission in the console: the activities, the configuration form (operators), an activity's
 * results (funnel, per employee, per day, CSV) and review queue of held helps (operators), the
 * daily red/black lists and team PK (a mobile page employees open on their phones), and an
 * employee's own page (notifications, scripts to send to recommended customers).
 */
@Controller
class FissionPages {
  static final String EDIT = "hasRole('OPERATOR')";
  private final Activities activities;
  private final Results results;
  private final Notices notices;
  private final Recommendations recommendations;
  private final Segments segments;
  private final TenantCalendar calendar;
  private final Clock clock;

  FissionPages(Activities activities, Results results, Notices notices, Recommendations recommendations,
      Segments segments, TenantCalendar calendar, Clock clock) {
    this.activities = activities;
    this.results = results;
    this.notices = notices;
    this.recommendations = recommendations;
    this.segments = segments;
    this.calendar = calendar;
    this.clock = clock;
  }

  @GetMapping("/console/fission")
  ModelAndView list(@AuthenticationPrincipal ConsoleUser me) {
    ModelAndView view = new ModelAndView("fission/list");
    view.addObject("activities", activities.list(me.tenantId()));
    view.addObject("operator", me.roles().contains(Role.OPERATOR));
    view.addObject("zone", calendar.zone(me.tenantId()));
    view.addObject("now", clock.instant());
    return view;
  }

  @GetMapping("/console/fission/new")
  @PreAuthorize(EDIT)
  ModelAndView blank(@AuthenticationPrincipal ConsoleUser me) {
    return form(me.tenantId(), FissionForm.blank(calendar.now(calendar.zone(me.tenantId()))), List.of(), HttpStatus.OK);
  }

  @PostMapping("/console/fission/new")
  @PreAuthorize(EDIT)
  ModelAndView create(@AuthenticationPrincipal ConsoleUser me, @ModelAttribute FissionForm form,
      RedirectAttributes flash) throws IOException {
    List<String> typos = new ArrayList<>();
    ActivityDraft draft = form.draft(calendar.zone(me.tenantId()), typos);
    if (!typos.isEmpty()) {
      return form(me.tenantId(), form, typos.stream().map(f -> new FieldIssue(f, "invalid", "not a valid value")).toList(),
          HttpStatus.UNPROCESSABLE_CONTENT);
    }
    return switch (activities.create(me.tenantId(), draft, me.username())) {
      case ActivityResult.Done done -> {
        flash.addFlashAttribute("flash", "fission.created");
        yield new ModelAndView("redirect:/console/fission/" + done.activity().id());
      }
      case ActivityResult.Refused refused -> form(me.tenantId(), form, refused.fields(), HttpStatus.UNPROCESSABLE_CONTENT);
    };
  }

  private ModelAndView form(long tenantId, FissionForm form, List<FieldIssue> issues, HttpStatus status) {
    ModelAndView view = new ModelAndView("fission/new");
    view.addObject("segments", segments.list(tenantId));
    view.addObject("form", form);
    view.addObject("issues", issues);
    view.setStatus(status);
    return view;
  }

  @GetMapping("/console/fission/{id}")
  ModelAndView detail(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id) {
    java.util.Optional<Activity> found = activities.get(me.tenantId(), id);
    if (found.isEmpty()) {
      return NotFound.page("fission.title", "" + id);
    }
    Activity activity = found.get();
    ZoneId zone = calendar.zone(me.tenantId());
    ModelAndView view = new ModelAndView("fission/detail");
    view.addObject("activity", activity);
    view.addObject("phase", activity.phase(clock.instant()).name());
    view.addObject("zone", zone);
    view.addObject("funnel", results.funnel(activity));
    view.addObject("employees", results.perEmployee(activity, null, zone));
    view.addObject("days", results.perDay(activity, zone));
    view.addObject("held", activities.held(me.tenantId(), id));
    view.addObject("operator", me.roles().contains(Role.OPERATOR));
    return view;
  }

  @PostMapping("/console/fission/{id}/helps/{helpId}/{decision:approve|reject}")
  @PreAuthorize(EDIT)
  String review(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id, @PathVariable long helpId,
      @PathVariable String decision, RedirectAttributes flash) {
    Activities.Review review = decision.equals("approve") ? activities.approve(me.tenantId(), helpId, me.username())
        : activities.reject(me.tenantId(), helpId, me.username());
    flash.addFlashAttribute("flashText", review.detail());
    return "redirect:/console/fission/" + id;
  }

  @GetMapping(value = "/console/fission/{id}/results.csv", produces = "text/csv")
  org.springframework.http.ResponseEntity<String> csv(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id) {
    java.util.Optional<Activity> found = activities.get(me.tenantId(), id);
    if (found.isEmpty()) {
      return org.springframework.http.ResponseEntity.notFound().build();
    }
    ZoneId zone = calendar.zone(me.tenantId());
    return org.springframework.http.ResponseEntity.ok()
        .header("Content-Disposition", "attachment; filename=\"fission-" + id + "-results.csv\"")
        .contentType(new org.springframework.http.MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
        .body(results.csv(found.get(), zone));
  }

  /** The leaderboard, laid out for a 375 px phone: red/black lists and team PK of a day. */
  @GetMapping("/console/fission/{id}/board")
  ModelAndView board(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id,
      @RequestParam(required = false) LocalDate day) {
    java.util.Optional<Activity> found = activities.get(me.tenantId(), id);
    if (found.isEmpty()) {
      return NotFound.page("fission.title", "" + id);
    }
    Activity activity = found.get();
    ZoneId zone = calendar.zone(me.tenantId());
    ModelAndView view = new ModelAndView("fission/board");
    view.addObject("activity", activity);
    view.addObject("board", results.board(activity, day == null ? calendar.today(zone) : day, zone));
    view.addObject("meId", me.id());
    return view;
  }

  /** An employee's fission work: notifications and, per running activity, the script and recommended customers. */
  @GetMapping("/console/fission/my")
  @PreAuthorize("hasRole('EMPLOYEE')")
  ModelAndView mine(@AuthenticationPrincipal ConsoleUser me) {
    ModelAndView view = new ModelAndView("fission/my");
    view.addObject("notices", notices.forEmployee(me.tenantId(), me.id()));
    Map<Activity, List<Recommendations.Recommended>> work = new LinkedHashMap<>();
    for (Activity a : activities.list(me.tenantId())) {
      if (a.phase(clock.instant()) != Activity.Phase.ENDED) {
        work.put(a, recommended(me.tenantId(), a));
      }
    }
    view.addObject("work", work);
    return view;
  }

  private List<Recommendations.Recommended> recommended(long tenantId, Activity activity) {
    return recommendations.of(tenantId, activity, 20);
  }

}
