package dev.flywheel.community.console;

import dev.flywheel.community.ConsoleTab;
import java.util.List;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts the community page tabs ({@code communityTabs}) on every page of the community module, so a
 * page of another sub-package (calendar, games) only adds {@code community} and {@code activeTab}
 * to render {@code ~{community/parts :: header}}.
 */
@ControllerAdvice(basePackages = "dev.flywheel.community")
class TabsAdvice {
  private final List<ConsoleTab> tabs;

  TabsAdvice(List<ConsoleTab> tabs) {
    this.tabs = CommunityTabs.sorted(tabs);
  }

  @ModelAttribute("communityTabs")
  List<ConsoleTab> communityTabs() {
    return tabs;
  }
}
