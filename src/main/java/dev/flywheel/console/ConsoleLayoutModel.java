package dev.flywheel.console;

import dev.flywheel.platform.security.ConsoleUser;
import dev.flywheel.platform.tenancy.Tenants;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.ModelMap;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.SmartView;

/**
 * Puts the signed-in user ({@code me}) and their tenant's name ({@code tenantName}) on every page
 * a controller renders, for the layout. A controller's own attribute of the same name wins.
 *
 * <p>An interceptor that looks at the handler's view, not a {@code @ControllerAdvice} with
 * {@code @ModelAttribute} methods: those ran before every handler, REST controllers included
 * ({@code @RestController} is a {@code @Controller}), and cost an API request about 5 % of its
 * CPU for a model nobody renders. A JSON answer has no view, so here it costs one null check.
 * Redirects get nothing (their model would become query parameters).
 */
@Component
class ConsoleLayoutModel implements HandlerInterceptor {
  private final Tenants tenants;

  ConsoleLayoutModel(Tenants tenants) {
    this.tenants = tenants;
  }

  @Override
  public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
      ModelAndView page) {
    if (page == null || isRedirect(page)) {
      return;
    }
    ConsoleUser user = signedIn();
    ModelMap model = page.getModelMap();
    if (!model.containsAttribute("me")) {
      model.addAttribute("me", user == null ? null : user.withoutPassword());
    }
    if (!model.containsAttribute("tenantName")) {
      model.addAttribute("tenantName", user == null ? null
          : tenants.find(user.tenantId()).map(t -> t.name()).orElse(""));
    }
  }

  private static boolean isRedirect(ModelAndView page) {
    return page.isReference() ? page.getViewName().startsWith("redirect:")
        : page.getView() instanceof SmartView view && view.isRedirectView();
  }

  private static ConsoleUser signedIn() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    return auth != null && auth.getPrincipal() instanceof ConsoleUser user ? user : null;
  }
}
