package dev.flywheel.console;

import dev.flywheel.lottery.Draws;
import dev.flywheel.lottery.Lotteries;
import dev.flywheel.lottery.Lottery;
import dev.flywheel.lottery.LotteryDraft;
import dev.flywheel.lottery.LotteryResult;
import dev.flywheel.lottery.LotteryStatus;
import dev.flywheel.lottery.PrizeKind;
import dev.flywheel.platform.security.ConsoleUser;
import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.web.FieldIssue;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Lotteries in the console: the list, a lottery's page (prize pool with live stock, expected cost
 * per draw, budget, latest draws) and, for operators, the prize-pool editor (drafts only), launch
 * and end. Everyone signed in may look.
 */
@Controller
class LotteriesPage {
  static final String EDIT = "hasRole('OPERATOR')";
  private final Lotteries lotteries;
  private final Draws draws;
  private final TenantCalendar calendar;

  LotteriesPage(Lotteries lotteries, Draws draws, TenantCalendar calendar) {
    this.lotteries = lotteries;
    this.draws = draws;
    this.calendar = calendar;
  }

  record Row(Lottery lottery, long draws) {}

  @GetMapping("/console/lotteries")
  ModelAndView list(@AuthenticationPrincipal ConsoleUser me) {
    ModelAndView view = new ModelAndView("lottery/list");
    view.addObject("rows", lotteries.list(me.tenantId()).stream()
        .map(l -> new Row(l, draws.count(me.tenantId(), l.id()))).toList());
    view.addObject("operator", me.roles().contains(Role.OPERATOR));
    view.addObject("zone", calendar.zone(me.tenantId()));
    return view;
  }

  @GetMapping("/console/lotteries/new")
  @PreAuthorize(EDIT)
  ModelAndView newLottery(@AuthenticationPrincipal ConsoleUser me) {
    ZoneId zone = calendar.zone(me.tenantId());
    return editor(LotteryForm.blank(calendar.now(zone)), null, List.of(), HttpStatus.OK);
  }

  @PostMapping("/console/lotteries/new")
  @PreAuthorize(EDIT)
  ModelAndView create(@AuthenticationPrincipal ConsoleUser me, @ModelAttribute LotteryForm form,
      RedirectAttributes flash) {
    List<String> typos = new ArrayList<>();
    LotteryDraft draft = form.draft(calendar.zone(me.tenantId()), typos);
    if (!typos.isEmpty()) {
      return editor(form.padded(), null, typoIssues(typos), HttpStatus.UNPROCESSABLE_CONTENT);
    }
    return saved(lotteries.create(me.tenantId(), draft, me.username()), form, null, flash);
  }

  @GetMapping("/console/lotteries/{id}/edit")
  @PreAuthorize(EDIT)
  ModelAndView edit(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id) {
    Optional<Lottery> lottery = lotteries.get(me.tenantId(), id);
    if (lottery.isEmpty()) {
      return NotFound.page("lottery.what", "" + id);
    }
    return editor(LotteryForm.of(lottery.get(), calendar.zone(me.tenantId())), id, List.of(), HttpStatus.OK);
  }

  @PostMapping("/console/lotteries/{id}/edit")
  @PreAuthorize(EDIT)
  ModelAndView update(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id, @ModelAttribute LotteryForm form,
      RedirectAttributes flash) {
    List<String> typos = new ArrayList<>();
    LotteryDraft draft = form.draft(calendar.zone(me.tenantId()), typos);
    if (!typos.isEmpty()) {
      return editor(form.padded(), id, typoIssues(typos), HttpStatus.UNPROCESSABLE_CONTENT);
    }
    return saved(lotteries.update(me.tenantId(), id, draft), form, id, flash);
  }

  @GetMapping("/console/lotteries/{id}")
  ModelAndView lottery(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id) {
    return detail(me, id, "lottery/detail");
  }

  /** The live part of the page (stock, draws), polled by htmx. */
  @GetMapping("/console/lotteries/{id}/live")
  ModelAndView live(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id) {
    return detail(me, id, "lottery/detail :: live");
  }

  @PostMapping("/console/lotteries/{id}/launch")
  @PreAuthorize(EDIT)
  ModelAndView launch(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id, RedirectAttributes flash) {
    return decided(me, id, lotteries.launch(me.tenantId(), id, me.username()), "lottery.launched", flash);
  }

  @PostMapping("/console/lotteries/{id}/end")
  @PreAuthorize(EDIT)
  ModelAndView end(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id, RedirectAttributes flash) {
    return decided(me, id, lotteries.end(me.tenantId(), id), "lottery.ended", flash);
  }

  private ModelAndView detail(ConsoleUser me, long id, String template) {
    Optional<Lottery> lottery = lotteries.get(me.tenantId(), id);
    if (lottery.isEmpty()) {
      return NotFound.page("lottery.what", "" + id);
    }
    ModelAndView view = new ModelAndView(template);
    view.addObject("lottery", lottery.get());
    view.addObject("budget", lotteries.budget(me.tenantId(), id));
    view.addObject("needed", Lotteries.budgetNeeded(lottery.get()));
    view.addObject("drawCount", draws.count(me.tenantId(), id));
    view.addObject("latest", draws.latest(me.tenantId(), id, 20));
    view.addObject("operator", me.roles().contains(Role.OPERATOR));
    view.addObject("zone", calendar.zone(me.tenantId()));
    return view;
  }

  private ModelAndView decided(ConsoleUser me, long id, LotteryResult result, String notice, RedirectAttributes flash) {
    if (result instanceof LotteryResult.Refused r) {
      if (r.code().equals("not-found")) {
        return NotFound.page("lottery.what", "" + id);
      }
      ModelAndView view = detail(me, id, "lottery/detail");
      view.addObject("problem", r.detail());
      view.setStatus(HttpStatus.CONFLICT);
      return view;
    }
    flash.addFlashAttribute("notice", notice);
    return new ModelAndView("redirect:/console/lotteries/" + id);
  }

  private ModelAndView saved(LotteryResult result, LotteryForm form, Long id, RedirectAttributes flash) {
    return switch (result) {
      case LotteryResult.Done d -> {
        flash.addFlashAttribute("notice", "lottery.saved");
        yield new ModelAndView("redirect:/console/lotteries/" + d.lottery().id());
      }
      case LotteryResult.Refused r when r.code().equals("not-found") -> NotFound.page("lottery.what", "" + id);
      case LotteryResult.Refused r -> {
        ModelAndView view = editor(form.padded(), id, r.fields(), r.fields().isEmpty() ? HttpStatus.CONFLICT
            : HttpStatus.UNPROCESSABLE_CONTENT);
        view.addObject("problem", r.fields().isEmpty() ? r.detail() : null);
        yield view;
      }
    };
  }

  private static ModelAndView editor(LotteryForm form, Long id, List<FieldIssue> issues, HttpStatus status) {
    ModelAndView view = new ModelAndView("lottery/edit");
    view.addObject("form", form);
    view.addObject("lotteryId", id);
    view.addObject("kinds", PrizeKind.values());
    view.addObject("issues", issues);
    view.setStatus(status);
    return view;
  }

  private static List<FieldIssue> typoIssues(List<String> fields) {
    return fields.stream().map(f -> new FieldIssue(f, "invalid", "not a number or date")).toList();
  }

  static boolean live(Lottery l) {
    return l.status() == LotteryStatus.LIVE;
  }
}
