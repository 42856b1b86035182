package dev.flywheel.console;

import dev.flywheel.platform.security.ConsoleUser;
import dev.flywheel.platform.web.Problem;
import dev.flywheel.reach.Channel;
import dev.flywheel.reach.delivery.ProviderForm;
import dev.flywheel.reach.delivery.ProviderSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admins set each channel's provider: SMTP for e-mail, a signed HTTP endpoint for SMS, push and
 * robocall. Secrets are write-only (a blank field keeps the stored one). Under
 * {@code /console/admin/**}, so ADMIN only.
 */
@Controller
class ReachProvidersPage {
  static final String PATH = "/console/admin/reach-providers";
  static final List<Channel> CHANNELS = List.of(Channel.EMAIL, Channel.SMS, Channel.PUSH, Channel.ROBOCALL);
  private final ProviderSettings settings;

  ReachProvidersPage(ProviderSettings settings) {
    this.settings = settings;
  }

  @GetMapping(PATH)
  String list(@AuthenticationPrincipal ConsoleUser me, Model model) {
    model.addAttribute("providers", settings.list(me.tenantId()));
    model.addAttribute("channels", CHANNELS);
    return "reach/providers";
  }

  @PostMapping(PATH)
  String save(@AuthenticationPrincipal ConsoleUser me, @RequestParam Channel channel, @RequestParam String name,
      @RequestParam(required = false) String url, @RequestParam(required = false) String secret,
      @RequestParam(required = false) String headers, @RequestParam(required = false) String smtpHost,
      @RequestParam(required = false) Integer smtpPort, @RequestParam(required = false) String smtpFrom,
      @RequestParam(required = false) String smtpUsername, @RequestParam(required = false) String smtpPassword,
      @RequestParam(defaultValue = "false") boolean smtpStartTls, RedirectAttributes redirect) {
    try {
      settings.save(me.tenantId(), new ProviderForm(channel, name, url, secret, headers(headers), smtpHost, smtpPort,
          smtpFrom, smtpUsername, smtpPassword, smtpStartTls, true), me.username());
      redirect.addFlashAttribute("notice", "providers.saved");
    } catch (Problem p) {
      redirect.addFlashAttribute("issues", p.fields());
    }
    return "redirect:" + PATH;
  }

  @PostMapping(PATH + "/{channel}/disable")
  String disable(@AuthenticationPrincipal ConsoleUser me, @PathVariable Channel channel) {
    settings.disable(me.tenantId(), channel, me.username());
    return "redirect:" + PATH;
  }

  /** {@code Name: value} per line; a line without a colon becomes a header issue at save. */
  static Map<String, String> headers(String text) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (text == null) {
      return headers;
    }
    for (String line : text.split("\\R")) {
      if (!line.isBlank()) {
        int colon = line.indexOf(':');
        headers.put(colon < 0 ? line.strip() : line.substring(0, colon).strip(),
            colon < 0 ? null : line.substring(colon + 1).strip());
      }
    }
    return headers;
  }
}
