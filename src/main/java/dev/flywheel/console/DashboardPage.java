package dev.flywheel.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The operator's landing page. */
@Controller
class DashboardPage {
  @GetMapping("/console")
  String dashboard() {
    return "console/dashboard";
  }
}
