package dev.flywheel.console;

import dev.flywheel.platform.security.ConsoleUser;
import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.web.Problem;
import dev.flywheel.review.CampaignReviews;
import dev.flywheel.review.ReviewMarkdown;
import dev.flywheel.review.ReviewSections;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The GRAI review of an ended campaign: a printable page with Goal vs Result pre-filled, a form for
 * targets, entered figures, Analysis and Insights (each save a new version), and a Markdown download.
 */
@Controller
class ReviewPage {
  static final String PATH = "/console/campaigns/{id}/review";
  private final CampaignReviews reviews;

  ReviewPage(CampaignReviews reviews) {
    this.reviews = reviews;
  }

  @GetMapping(PATH)
  ModelAndView review(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id) {
    try {
      ModelAndView view = new ModelAndView("review/review");
      view.addObject("r", reviews.review(me.tenantId(), id));
      view.addObject("versions", reviews.versions(me.tenantId(), id));
      view.addObject("mayWrite", me.roles().contains(Role.OPERATOR) || me.roles().contains(Role.APPROVER));
      return view;
    } catch (Problem p) {
      if (p.code().equals("campaign-not-ended")) {
        ModelAndView view = new ModelAndView("review/not-ended");
        view.setStatus(p.status());
        view.addObject("campaignId", id);
        return view;
      }
      return NotFound.page("notfound.campaign", String.valueOf(id));
    }
  }

  @GetMapping(value = PATH + ".md")
  ResponseEntity<String> markdown(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id) {
    return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/markdown;charset=UTF-8"))
        .header("Content-Disposition", "attachment; filename=\"campaign-" + id + "-review.md\"")
        .body(ReviewMarkdown.of(reviews.review(me.tenantId(), id)));
  }

  @PostMapping(PATH)
  @PreAuthorize("hasAnyRole('OPERATOR', 'APPROVER')")
  String save(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id,
      @RequestParam(name = "reach_target", required = false) Long reachTarget,
      @RequestParam(name = "participant_target", required = false) Long participantTarget,
      @RequestParam(name = "conversion_target", required = false) Long conversionTarget,
      @RequestParam(required = false) Long reached, @RequestParam(required = false) Long conversions,
      @RequestParam(name = "value_per_conversion", required = false) Long value,
      @RequestParam(name = "conversion_event", required = false) String conversionEvent,
      @RequestParam(name = "points_per_yuan", required = false) Long pointsPerYuan,
      @RequestParam(defaultValue = "") String analysis, @RequestParam(defaultValue = "") String insights,
      RedirectAttributes redirect) {
    try {
      reviews.save(me.tenantId(), id, new ReviewSections(positive(reachTarget), positive(participantTarget),
          positive(conversionTarget), positive(reached), positive(conversions), positive(value), conversionEvent,
          pointsPerYuan == null || pointsPerYuan < 1 ? null : pointsPerYuan, analysis, insights),
          me.username());
      redirect.addFlashAttribute("notice", "review.saved");
    } catch (Problem p) {
      redirect.addFlashAttribute("error", "review.error");
    }
    return "redirect:/console/campaigns/" + id + "/review";
  }

  private static Long positive(Long v) {
    return v == null || v < 0 ? null : v;
  }
}
