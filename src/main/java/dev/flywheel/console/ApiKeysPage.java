package dev.flywheel.console;

import dev.flywheel.platform.security.ApiKeys;
import dev.flywheel.platform.security.ConsoleUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admins issue and revoke the API keys app backends use; a new key's secret is shown once. */
@Controller
class ApiKeysPage {
  private final ApiKeys apiKeys;

  ApiKeysPage(ApiKeys apiKeys) {
    this.apiKeys = apiKeys;
  }

  @GetMapping("/console/admin/api-keys")
  String list(@AuthenticationPrincipal ConsoleUser me, Model model) {
    model.addAttribute("keys", apiKeys.list(me.tenantId()));
    return "admin/api-keys";
  }

  @PostMapping("/console/admin/api-keys")
  String issue(@AuthenticationPrincipal ConsoleUser me, @RequestParam String name, RedirectAttributes redirect) {
    String cleaned = name.strip();
    if (cleaned.isEmpty() || cleaned.length() > 100) {
      redirect.addFlashAttribute("error", "apikeys.name.invalid");
      return "redirect:/console/admin/api-keys";
    }
    redirect.addFlashAttribute("issued", apiKeys.issue(me.tenantId(), cleaned, me.username()));
    return "redirect:/console/admin/api-keys";
  }

  @PostMapping("/console/admin/api-keys/{id}/revoke")
  String revoke(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id) {
    apiKeys.revoke(me.tenantId(), id);
    return "redirect:/console/admin/api-keys";
  }
}
