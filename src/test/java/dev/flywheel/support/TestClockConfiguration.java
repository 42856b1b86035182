package dev.flywheel.support;

import dev.flywheel.platform.time.MovableClock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfiguration {
  @Bean
  @Primary
  MovableClock movableClock() {
    return new MovableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
  }
}
