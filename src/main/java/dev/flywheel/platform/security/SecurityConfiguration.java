package dev.flywheel.platform.security;

import dev.flywheel.platform.web.BodySizeLimitFilter;
import dev.flywheel.platform.web.ProblemResponses;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;

/**
 * Two doors: {@code /api/**} for app backends (stateless, API key, problem-detail errors, no
 * CSRF because no cookies) and everything else for the console (form login, session, CSRF on).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableMethodSecurity
class SecurityConfiguration {

  /**
   * No Spring Security observations: its ~15 filters, the authentication and the authorization
   * are not wrapped in observations at all (they were switched off by
   * {@code management.observations.enable.spring.security: false}, but every filter was still
   * wrapped: about 5 % of an API request's CPU). {@code http.server.requests} still times
   * every request.
   */
  @Bean
  static SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }

  @Bean
  @Order(1)
  SecurityFilterChain apiChain(HttpSecurity http, ApiKeys apiKeys,
      @Value("${flywheel.api.max-body-bytes:4194304}") long maxBodyBytes) throws Exception {
    http.securityMatcher("/api/**")
        .csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .addFilterBefore(new BodySizeLimitFilter(maxBodyBytes), SecurityContextHolderFilter.class)
        .addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys), UsernamePasswordAuthenticationFilter.class)
        .authorizeHttpRequests(a -> a
            // delivery receipts prove themselves with the provider's HMAC signature, not an API key
            .requestMatchers(HttpMethod.POST, "/api/v1/reach/receipts/*").permitAll()
            // group-chat webhooks prove themselves with the community's HMAC signature
            .requestMatchers(HttpMethod.POST, "/api/v1/communities/*/messages").permitAll()
            .anyRequest().hasRole("API"))
        .exceptionHandling(e -> e
            .authenticationEntryPoint((req, res, ex) -> ProblemResponses.write(res, HttpStatus.UNAUTHORIZED,
                "unauthorized", "Send a valid API key as 'Authorization: Bearer <key>'"))
            .accessDeniedHandler((req, res, ex) -> ProblemResponses.write(res, HttpStatus.FORBIDDEN,
                "forbidden", "This API key may not do that")));
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain consoleChain(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(a -> a
            .requestMatchers("/login", "/webjars/**", "/css/**", "/js/**", "/img/**", "/favicon.ico",
                "/actuator/health/**", "/actuator/prometheus", "/v3/api-docs/**", "/swagger-ui/**",
                "/swagger-ui.html", "/error").permitAll()
            // tracked links in messages: customers are not signed in; the token's HMAC is the proof
            .requestMatchers(HttpMethod.GET, "/r/*").permitAll()
            // tracked links in community product posts, signed the same way
            .requestMatchers(HttpMethod.GET, "/c/*").permitAll()
            .requestMatchers("/console/admin/**").hasRole("ADMIN")
            .anyRequest().authenticated())
        .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/console", true).permitAll())
        .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"));
    return http.build();
  }
}
