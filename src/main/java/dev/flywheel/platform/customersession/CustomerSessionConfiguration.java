package dev.flywheel.platform.customersession;

import java.time.Clock;
import org.springframework.context.MessageSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The two rate-limit bucket sets (per customer, per IP) the customer chain uses. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CustomerSessionProperties.class)
class CustomerSessionConfiguration {

  @Bean
  CustomerSessionFilter customerSessionFilter(CustomerSessions sessions, CustomerSessionProperties properties,
      Clock clock, SessionRefusalPage page) {
    return new CustomerSessionFilter(sessions, new TokenBuckets(properties.perCustomer(), clock),
        new TokenBuckets(properties.perIp(), clock), page);
  }

  @Bean
  SessionRefusalPage sessionRefusalPage(MessageSource messages) {
    return new SessionRefusalPage(messages);
  }
}
