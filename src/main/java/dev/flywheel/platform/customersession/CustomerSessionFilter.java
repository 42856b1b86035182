package dev.flywheel.platform.customersession;

import dev.flywheel.platform.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The customer door: rate limit per IP, verify the session token ({@code Authorization: Bearer}
 * or, for the first page load in the app's web view, {@code ?token=}), then rate limit per
 * customer. Refusals are problem details: 401 {@code session-expired} / {@code invalid-session},
 * 429 {@code rate-limited} with {@code Retry-After}; an H5 page gets a friendly HTML page instead
 * of the 401 problem ({@link SessionRefusalPage}). A request without a token passes on
 * unauthenticated (the chain's entry point answers it, public assets stay reachable).
 */
public class CustomerSessionFilter extends OncePerRequestFilter {
  private final CustomerSessions sessions;
  private final TokenBuckets perCustomer;
  private final TokenBuckets perIp;
  private final SessionRefusalPage page;

  public CustomerSessionFilter(CustomerSessions sessions, TokenBuckets perCustomer, TokenBuckets perIp,
      SessionRefusalPage page) {
    this.sessions = sessions;
    this.page = page;
    this.perCustomer = perCustomer;
    this.perIp = perIp;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long wait = perIp.take("ip:" + request.getRemoteAddr());
    if (wait > 0) {
      tooMany(response, wait, "Too many requests from this address");
      return;
    }
    String token = token(request);
    if (token != null) {
      switch (sessions.verify(token)) {
        case SessionCheck.Valid valid -> {
          CustomerPrincipal customer = valid.customer();
          wait = perCustomer.take("customer:" + customer.tenantId() + ":" + customer.customerId());
          if (wait > 0) {
            tooMany(response, wait, "Too many requests for this customer");
            return;
          }
          SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
              customer, null, List.of(new SimpleGrantedAuthority("ROLE_CUSTOMER"))));
        }
        case SessionCheck.Expired expired -> {
          if (SessionRefusalPage.wants(request)) {
            page.write(request, response, "session-expired");
            return;
          }
          ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, "session-expired",
              "The customer session expired at " + expired.expiredAt() + "; ask the app for a new one");
          return;
        }
        case SessionCheck.Invalid invalid -> {
          if (SessionRefusalPage.wants(request)) {
            page.write(request, response, "invalid-session");
            return;
          }
          ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, "invalid-session",
              "The customer session token is not valid (" + invalid.reason() + ")");
          return;
        }
      }
    }
    chain.doFilter(request, response);
  }

  private static String token(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return header.substring(7).trim();
    }
    return request.getParameter("token");
  }

  private static void tooMany(HttpServletResponse response, long seconds, String detail) throws IOException {
    response.setHeader("Retry-After", Long.toString(seconds));
    ProblemResponses.write(response, HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
        detail + "; retry after " + seconds + " s");
  }
}
