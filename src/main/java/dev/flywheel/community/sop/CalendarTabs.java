package dev.flywheel.community.sop;

import dev.flywheel.community.ConsoleTab;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The "Calendar" and "Weekly report" tabs of a community's console page: the community's week grid
 * and report ({@link CalendarPages}) under {@code /console/communities/{id}/calendar} and {@code …/report}.
 */
@Configuration(proxyBeanMethods = false)
class CalendarTabs {

  @Bean
  ConsoleTab calendarTab() {
    return new ConsoleTab("calendar", "community.tab.calendar", 50);
  }

  @Bean
  ConsoleTab reportTab() {
    return new ConsoleTab("report", "community.tab.report", 60);
  }
}
