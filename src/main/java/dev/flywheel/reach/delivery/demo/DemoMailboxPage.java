package dev.flywheel.reach.delivery.demo;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /console/reach/demo-mailbox}: the mails the demo mailbox received, newest first (every
 * tenant's: it is one local SMTP sink for the demo run). When the mailbox is off the page says so.
 */
@Controller
class DemoMailboxPage {
  private final ObjectProvider<DemoMailbox> mailbox;

  DemoMailboxPage(ObjectProvider<DemoMailbox> mailbox) {
    this.mailbox = mailbox;
  }

  @GetMapping("/console/reach/demo-mailbox")
  String page(Model model) {
    DemoMailbox box = mailbox.getIfAvailable();
    model.addAttribute("active", box != null);
    model.addAttribute("port", box == null ? null : String.valueOf(box.port()));
    model.addAttribute("mails", box == null ? java.util.List.of() : box.recent());
    return "reach/demo-mailbox";
  }
}
