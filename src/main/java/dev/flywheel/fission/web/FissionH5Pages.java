package dev.flywheel.fission.web;

import dev.flywheel.fission.Activities;
import dev.flywheel.fission.Activity;
import dev.flywheel.fission.Invites;
import dev.flywheel.fission.Task;
import dev.flywheel.fission.Tasks;
import dev.flywheel.fission.poster.Posters;
import dev.flywheel.platform.customersession.CustomerPrincipal;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The customers' fission pages in the app's web view (session token in {@code ?token=}):
 * the activity page (warm-up before the start; poster, share and live progress while it runs;
 * progress and "contact your employee" after the end), the personal poster PNG, and the helper
 * landing page an invite link opens.
 */
@Controller
class FissionH5Pages {
  private final Activities activities;
  private final Tasks tasks;
  private final Invites invites;
  private final Posters posters;
  private final CustomerFissionController api;
  private final Clock clock;

  FissionH5Pages(Activities activities, Tasks tasks, Invites invites, Posters posters, CustomerFissionController api,
      Clock clock) {
    this.activities = activities;
    this.tasks = tasks;
    this.invites = invites;
    this.posters = posters;
    this.api = api;
    this.clock = clock;
  }

  @GetMapping("/h5/fission/activities/{id}")
  String activity(@AuthenticationPrincipal CustomerPrincipal me, @PathVariable long id,
      @RequestParam(required = false) String token, Model model, HttpServletResponse response) {
    Optional<Activity> activity = activities.get(me.tenantId(), id);
    if (activity.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      return "h5/fission/not-found";
    }
    noStore(response);
    Activity a = activity.get();
    Optional<Task> task = tasks.of(id, me.customerId());
    Activity.Phase phase = a.phase(clock.instant());
    model.addAttribute("activity", a);
    model.addAttribute("phase", phase.name());
    model.addAttribute("task", task.orElse(null));
    model.addAttribute("inviteUrl", task.filter(t -> phase == Activity.Phase.RUNNING)
        .map(t -> api.inviteUrl(tasks.invite(t, a))).orElse(""));
    model.addAttribute("token", token == null ? "" : token);
    return "h5/fission/activity";
  }

  @GetMapping(value = "/h5/fission/activities/{id}/poster.png", produces = MediaType.IMAGE_PNG_VALUE)
  ResponseEntity<byte[]> poster(@AuthenticationPrincipal CustomerPrincipal me, @PathVariable long id) {
    Optional<Activity> activity = activities.get(me.tenantId(), id);
    Optional<Task> task = activity.flatMap(a -> tasks.of(id, me.customerId()));
    if (task.isEmpty()) {
      return ResponseEntity.notFound().build();
    }
    Activity a = activity.get();
    byte[] base = a.hasPoster() ? activities.poster(id).orElse(null) : null;
    byte[] png = posters.render(a, base, api.inviteUrl(tasks.invite(task.get(), a)));
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.IMAGE_PNG).body(png);
  }

  /** The helper's landing page: whose task, its progress, and a Help button (refusals shown kindly). */
  @GetMapping("/h5/fission/help")
  String help(@AuthenticationPrincipal CustomerPrincipal me, @RequestParam(required = false) String invite,
      @RequestParam(required = false) String token, Model model, HttpServletResponse response) {
    noStore(response);
    model.addAttribute("token", token == null ? "" : token);
    model.addAttribute("invite", invite == null ? "" : invite);
    switch (invites.verify(me.tenantId(), invite, clock.instant())) {
      case Invites.Check.Invalid invalid -> {
        model.addAttribute("refusal", invalid.code());
        return "h5/fission/help";
      }
      case Invites.Check.Valid valid -> {
        Task task = valid.task();
        Activity a = activities.get(me.tenantId(), task.activityId()).orElseThrow();
        model.addAttribute("activity", a);
        model.addAttribute("phase", a.phase(clock.instant()).name());
        model.addAttribute("task", task);
        model.addAttribute("ownTask", task.customerId().equals(me.customerId()));
        model.addAttribute("refusal", "");
        return "h5/fission/help";
      }
    }
  }

  private static void noStore(HttpServletResponse response) {
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Referrer-Policy", "no-referrer");
  }
}
