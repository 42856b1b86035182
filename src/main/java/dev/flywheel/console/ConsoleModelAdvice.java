package dev.flywheel.console;

import dev.flywheel.platform.security.ConsoleUser;
import dev.flywheel.platform.tenancy.Tenants;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the signed-in user and their tenant on every console page (for the layout). */
@ControllerAdvice(annotations = Controller.class)
class ConsoleModelAdvice {
  private final Tenants tenants;

  ConsoleModelAdvice(Tenants tenants) {
    this.tenants = tenants;
  }

  @ModelAttribute("me")
  ConsoleUser me(@AuthenticationPrincipal ConsoleUser user) {
    return user == null ? null : user.withoutPassword();
  }

  @ModelAttribute("tenantName")
  String tenantName(@AuthenticationPrincipal ConsoleUser user) {
    return user == null ? null : tenants.find(user.tenantId()).map(t -> t.name()).orElse("");
  }
}
