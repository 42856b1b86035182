package dev.flywheel.platform.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class PasswordConfiguration {
  @Bean
  PasswordEncoder passwordEncoder() {
    // bcrypt today, with the algorithm id stored ({bcrypt}...) so hashes can be upgraded later
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }
}
