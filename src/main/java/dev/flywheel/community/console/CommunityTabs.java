package dev.flywheel.community.console;

import dev.flywheel.community.ConsoleTab;
import java.util.Comparator;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The tabs of a community's console page: this package's four, plus any {@link ConsoleTab} bean
 * another part of the module declares (calendar, games, …), in {@code order}.
 */
@Configuration(proxyBeanMethods = false)
class CommunityTabs {

  @Bean
  ConsoleTab overviewTab() {
    return new ConsoleTab("", "community.tab.overview", 0);
  }

  @Bean
  ConsoleTab chatTab() {
    return new ConsoleTab("chat", "community.tab.chat", 10);
  }

  @Bean
  ConsoleTab membersTab() {
    return new ConsoleTab("members", "community.tab.members", 20);
  }

  @Bean
  ConsoleTab suggestionsTab() {
    return new ConsoleTab("suggestions", "community.tab.suggestions", 30);
  }

  static List<ConsoleTab> sorted(List<ConsoleTab> tabs) {
    return tabs.stream().sorted(Comparator.comparingInt(ConsoleTab::order).thenComparing(ConsoleTab::key)).toList();
  }
}
