package dev.flywheel.console;

import dev.flywheel.experiment.Experiment;
import dev.flywheel.experiment.Experiment.Subject;
import dev.flywheel.experiment.Experiment.Variant;
import dev.flywheel.experiment.ExperimentStats;
import dev.flywheel.experiment.Experiments;
import dev.flywheel.experiment.NewExperiment;
import dev.flywheel.experiment.StopOutcome;
import dev.flywheel.platform.security.ConsoleUser;
import dev.flywheel.platform.web.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Experiments in the console: list, create (variants as {@code name:weight} lines), results with
 * confidence intervals and the sample-ratio warning, the sample-size calculator, and stopping early
 * (an operator asks, a different approver signs off).
 */
@Controller
class ExperimentsPage {
  static final String PATH = "/console/experiments";
  private final Experiments experiments;

  ExperimentsPage(Experiments experiments) {
    this.experiments = experiments;
  }

  @GetMapping(PATH)
  String list(@AuthenticationPrincipal ConsoleUser me, @RequestParam(required = false) Double baseline,
      @RequestParam(name = "effect", required = false) Double effect,
      @RequestParam(defaultValue = "0.05") double alpha, @RequestParam(defaultValue = "0.8") double power, Model model) {
    model.addAttribute("experiments", experiments.list(me.tenantId()));
    model.addAttribute("subjects", Subject.values());
    model.addAttribute("baseline", baseline);
    model.addAttribute("effect", effect);
    model.addAttribute("alpha", alpha);
    model.addAttribute("power", power);
    if (baseline != null && effect != null) {
      try {
        model.addAttribute("perVariant", ExperimentStats.sampleSizePerVariant(baseline, effect, alpha, power));
      } catch (IllegalArgumentException e) {
        model.addAttribute("sizeError", true);
      }
    }
    return "experiments/list";
  }

  @PostMapping(PATH)
  @PreAuthorize("hasRole('OPERATOR')")
  String create(@AuthenticationPrincipal ConsoleUser me, @RequestParam String key, @RequestParam String name,
      @RequestParam String subject, @RequestParam("primary_metric") String primary,
      @RequestParam(name = "guardrail_metrics", defaultValue = "") String guardrails,
      @RequestParam String variants, RedirectAttributes redirect) {
    try {
      List<String> rails = Arrays.stream(guardrails.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
      experiments.define(me.tenantId(), new NewExperiment(key.strip(), name.strip(), subject(subject), primary.strip(),
          rails, variants(variants)), me.username());
      return "redirect:" + PATH + "/" + key.strip();
    } catch (Problem p) {
      redirect.addFlashAttribute("error", "experiments.error." + p.code());
      redirect.addFlashAttribute("issues", p.fields());
      return "redirect:" + PATH;
    }
  }

  @GetMapping(PATH + "/{key}")
  ModelAndView results(@AuthenticationPrincipal ConsoleUser me, @PathVariable String key) {
    return experiments.results(me.tenantId(), key).map(r -> {
      ModelAndView view = new ModelAndView("experiments/results");
      view.addObject("r", r);
      view.addObject("e", r.experiment());
      view.addObject("operator", me.roles().contains(dev.flywheel.platform.security.Role.OPERATOR));
      view.addObject("approver", me.roles().contains(dev.flywheel.platform.security.Role.APPROVER));
      return view;
    }).orElseGet(() -> NotFound.page("notfound.experiment", key));
  }

  @PostMapping(PATH + "/{key}/stop-request")
  @PreAuthorize("hasRole('OPERATOR')")
  String requestStop(@AuthenticationPrincipal ConsoleUser me, @PathVariable String key,
      @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
    String cleaned = reason.length() > 1000 ? reason.substring(0, 1000) : reason;
    experiments.requestStop(me.tenantId(), key, me.username(), cleaned).ifPresent(o -> flash(o, redirect));
    return "redirect:" + PATH + "/" + key;
  }

  @PostMapping(PATH + "/{key}/stop-approval")
  @PreAuthorize("hasRole('APPROVER')")
  String approveStop(@AuthenticationPrincipal ConsoleUser me, @PathVariable String key, RedirectAttributes redirect) {
    experiments.approveStop(me.tenantId(), key, me.username()).ifPresent(o -> flash(o, redirect));
    return "redirect:" + PATH + "/" + key;
  }

  private static void flash(StopOutcome outcome, RedirectAttributes redirect) {
    switch (outcome) {
      case StopOutcome.Requested r -> redirect.addFlashAttribute("notice", "experiments.stop.requested");
      case StopOutcome.Stopped s -> redirect.addFlashAttribute("notice", "experiments.stop.done");
      case StopOutcome.Refused r -> redirect.addFlashAttribute("error", "experiments.stop." + r.code());
    }
  }

  private static Subject subject(String s) {
    try {
      return Subject.valueOf(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** One variant a line, {@code name:weight}. */
  static List<Variant> variants(String text) {
    List<Variant> out = new ArrayList<>();
    for (String line : text.split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      int colon = line.lastIndexOf(':');
      int weight = -1;
      try {
        weight = colon < 0 ? -1 : Integer.parseInt(line.substring(colon + 1).strip());
      } catch (NumberFormatException ignored) {
        // an unreadable weight fails the weight check
      }
      out.add(new Variant((colon < 0 ? line : line.substring(0, colon)).strip(), weight));
    }
    return out;
  }

  static boolean running(Experiment e) {
    return e.status() == Experiment.Status.RUNNING;
  }
}
