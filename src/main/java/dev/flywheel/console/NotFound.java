package dev.flywheel.console;

import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;

/**
 * The console's answer to an unknown (or another tenant's) customer or segment: a page with the
 * layout and status 404, never a stack trace. Returned from the handler so the layout's model
 * (user, tenant) is still filled in.
 */
final class NotFound {
  private NotFound() {}

  static ModelAndView page(String whatKey, String id) {
    ModelAndView view = new ModelAndView("console/not-found");
    view.setStatus(HttpStatus.NOT_FOUND);
    view.addObject("whatKey", whatKey);
    view.addObject("missingId", id);
    return view;
  }
}
