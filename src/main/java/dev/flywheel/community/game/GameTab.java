package dev.flywheel.community.game;

import dev.flywheel.community.ConsoleTab;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The "Games" tab of a community's console page: the games list and from there the live panel. */
@Configuration(proxyBeanMethods = false)
class GameTab {

  @Bean
  ConsoleTab gamesTab() {
    return new ConsoleTab("games", "community.tab.games", 40);
  }
}
