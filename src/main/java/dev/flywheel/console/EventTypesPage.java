package dev.flywheel.console;

import dev.flywheel.event.EventTypes;
import dev.flywheel.platform.security.ConsoleUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The event vocabulary a tenant's backend may send: built-in finance types and its own. */
@Controller
class EventTypesPage {
  private final EventTypes types;

  EventTypesPage(EventTypes types) {
    this.types = types;
  }

  @GetMapping("/console/event-types")
  String list(@AuthenticationPrincipal ConsoleUser me, Model model) {
    model.addAttribute("types", types.list(me.tenantId()));
    return "console/event-types";
  }
}
