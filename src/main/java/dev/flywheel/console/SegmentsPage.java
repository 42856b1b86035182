package dev.flywheel.console;

import dev.flywheel.customer.ExpressionCheck;
import dev.flywheel.customer.Segment;
import dev.flywheel.customer.SegmentMembers;
import dev.flywheel.customer.Segments;
import dev.flywheel.customer.Segments.Creation;
import dev.flywheel.platform.security.ConsoleUser;
import dev.flywheel.platform.security.Role;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Segments: saved CEL audiences. Everyone may look; operators and admins may create. The form
 * previews the live count (or the type error and its position) while the operator types, and
 * saves nothing unless the expression type-checks.
 */
@Controller
class SegmentsPage {
  static final int PAGE_SIZE = 50;
  static final int MAX_NAME = 100;
  static final List<String> EXAMPLES = List.of(
      "\"loan\" in tags && loan_stage == \"FUNDER_APPROVED\" && days_since(stage_entered_at) > 2",
      "lifecycle_stage == \"POTENTIALLY_DORMANT\" && consent[\"sms\"]",
      "loan_stage == \"REPAID\" && days_since(stage_entered_at) <= 30",
      "city == \"Shanghai\" && risk_level == \"low\"");
  private final Segments segments;
  private final TenantCalendar calendar;

  SegmentsPage(Segments segments, TenantCalendar calendar) {
    this.segments = segments;
    this.calendar = calendar;
  }

  /** A segment with its member count as of now. */
  record Row(Segment segment, long count) {}

  @GetMapping("/console/segments")
  String list(@AuthenticationPrincipal ConsoleUser me, Model model) {
    long tenant = me.tenantId();
    model.addAttribute("rows", segments.list(tenant).stream()
        .map(s -> new Row(s, segments.count(tenant, s.id()))).toList());
    model.addAttribute("canCreate", mayCreate(me));
    return "console/segments/list";
  }

  @GetMapping("/console/segments/new")
  @PreAuthorize("hasAnyRole('OPERATOR', 'ADMIN')")
  String form(Model model) {
    return form(model, "", "", "", null);
  }

  /** htmx: the live count of the expression typed so far, or why it does not type-check. */
  @PostMapping("/console/segments/preview")
  String preview(@AuthenticationPrincipal ConsoleUser me, @RequestParam(defaultValue = "") String expression,
      Model model) {
    if (expression.isBlank()) {
      model.addAttribute("empty", true);
    } else if (segments.check(expression) instanceof ExpressionCheck.Invalid invalid) {
      model.addAttribute("problem", invalid);
    } else {
      model.addAttribute("count", segments.preview(me.tenantId(), expression));
    }
    return "console/segments/preview :: result";
  }

  @PostMapping("/console/segments")
  @PreAuthorize("hasAnyRole('OPERATOR', 'ADMIN')")
  ModelAndView create(@AuthenticationPrincipal ConsoleUser me, @RequestParam(defaultValue = "") String name,
      @RequestParam(defaultValue = "") String description, @RequestParam(defaultValue = "") String expression,
      Model model) {
    String cleanName = name.strip();
    if (cleanName.isEmpty() || cleanName.length() > MAX_NAME) {
      return refused(model, name, description, expression, "segments.error.name");
    }
    Creation creation = segments.create(me.tenantId(), cleanName, description.strip(), expression, me.username());
    return switch (creation) {
      case Creation.Created created -> new ModelAndView("redirect:/console/segments/" + created.segment().id());
      case Creation.NameTaken taken -> refused(model, name, description, expression, "segments.error.nameTaken");
      case Creation.Rejected rejected -> {
        model.addAttribute("problem", rejected.problem());
        yield refused(model, name, description, expression, "segments.error.expression");
      }
    };
  }

  @GetMapping("/console/segments/{id}")
  ModelAndView segment(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id,
      @RequestParam(defaultValue = "0") int page) {
    Optional<Segment> found = segments.find(me.tenantId(), id);
    if (found.isEmpty()) {
      return NotFound.page("notfound.segment", String.valueOf(id));
    }
    SegmentMembers members = segments.members(me.tenantId(), id, page, PAGE_SIZE);
    ModelAndView view = new ModelAndView("console/segments/detail");
    view.addObject("segment", found.get());
    view.addObject("members", members);
    view.addObject("pages", Math.max(1, (members.total() + PAGE_SIZE - 1) / PAGE_SIZE));
    view.addObject("zone", calendar.zone(me.tenantId()));
    return view;
  }

  private ModelAndView refused(Model model, String name, String description, String expression, String errorKey) {
    ModelAndView view = new ModelAndView(form(model, name, description, expression, errorKey), model.asMap());
    view.setStatus(HttpStatus.UNPROCESSABLE_CONTENT);
    return view;
  }

  private static String form(Model model, String name, String description, String expression, String errorKey) {
    model.addAttribute("name", name);
    model.addAttribute("description", description);
    model.addAttribute("expression", expression);
    model.addAttribute("error", errorKey);
    model.addAttribute("examples", EXAMPLES);
    return "console/segments/new";
  }

  private static boolean mayCreate(ConsoleUser me) {
    return me.roles().contains(Role.OPERATOR) || me.roles().contains(Role.ADMIN);
  }
}
