package dev.flywheel.platform.security;

import dev.flywheel.platform.customersession.CustomerSessionFilter;
import dev.flywheel.platform.customersession.SessionRefusalPage;
import dev.flywheel.platform.web.BodySizeLimitFilter;
import dev.flywheel.platform.web.ProblemResponses;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;

/**
 * A third door, before the other two: customers of the finance app on H5 pages ({@code /h5/**})
 * and customer endpoints ({@code /api/v1/customer/**}), authenticated by a signed session token
 * and rate limited (see {@code platform.customersession}). Stateless, no cookies, so no CSRF.
 * Static H5 assets ({@code /h5/assets/**}) are public.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class CustomerSecurityConfiguration {

  @Bean
  @Order(0)
  SecurityFilterChain customerChain(HttpSecurity http, CustomerSessionFilter sessions, SessionRefusalPage page,
      @Value("${flywheel.api.max-body-bytes:4194304}") long maxBodyBytes) throws Exception {
    http.securityMatcher("/h5/**", "/api/v1/customer/**")
        .csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .addFilterBefore(new BodySizeLimitFilter(maxBodyBytes), SecurityContextHolderFilter.class)
        .addFilterBefore(sessions, UsernamePasswordAuthenticationFilter.class)
        .authorizeHttpRequests(a -> a
            .requestMatchers("/h5/assets/**").permitAll()
            .anyRequest().hasRole("CUSTOMER"))
        .exceptionHandling(e -> e
            .authenticationEntryPoint((req, res, ex) -> {
              if (SessionRefusalPage.wants(req)) {
                page.write(req, res, "invalid-session");
              } else {
                ProblemResponses.write(res, HttpStatus.UNAUTHORIZED,
                    "invalid-session", "Send a customer session token as 'Authorization: Bearer <token>'");
              }
            })
            .accessDeniedHandler((req, res, ex) -> ProblemResponses.write(res, HttpStatus.FORBIDDEN,
                "forbidden", "This session may not do that")));
    return http.build();
  }

  /** The filter is a bean (for its buckets); keep the servlet container from running it on every request. */
  @Bean
  FilterRegistrationBean<CustomerSessionFilter> customerSessionFilterRegistration(CustomerSessionFilter filter) {
    FilterRegistrationBean<CustomerSessionFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setEnabled(false);
    return registration;
  }
}
