package dev.flywheel.platform.customersession;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.web.util.HtmlUtils;

/**
 * The page a customer sees when an H5 page ({@code /h5/**}, not its assets) is opened with an
 * expired, invalid or missing session token: 401, a short HTML page in the customer's language
 * ({@code ?lang=zh-CN|en}, else {@code Accept-Language}) asking them to reopen it from the app.
 * The problem code is on {@code <body data-code>} for the app's web view. API calls keep their
 * JSON problem details.
 */
public class SessionRefusalPage {
  private final MessageSource messages;

  public SessionRefusalPage(MessageSource messages) {
    this.messages = messages;
  }

  /** Whether this request wants a page rather than JSON. */
  public static boolean wants(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.startsWith("/h5/") && !path.startsWith("/h5/assets/");
  }

  public void write(HttpServletRequest request, HttpServletResponse response, String code) throws IOException {
    Locale locale = locale(request);
    String title = HtmlUtils.htmlEscape(messages.getMessage("h5.session.expired.title", null, locale));
    String text = HtmlUtils.htmlEscape(messages.getMessage("h5.session.expired", null, locale));
    String page = """
        <!DOCTYPE html>
        <html lang="%s"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>%s</title>
        <style>body{font-family:system-ui,sans-serif;margin:0;background:#f6f7fb;color:#222}
        main{max-width:420px;margin:0 auto;padding:48px 20px;text-align:center}
        h1{font-size:20px;margin:0 0 12px}p{font-size:16px;line-height:1.6;color:#555}</style></head>
        <body class="h5" data-code="%s"><main id="session-refused"><h1>%s</h1><p>%s</p></main></body></html>
        """.formatted(locale.toLanguageTag(), title, HtmlUtils.htmlEscape(code), title, text);
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader("Cache-Control", "no-store");
    response.setContentType("text/html;charset=UTF-8");
    response.getOutputStream().write(page.getBytes(StandardCharsets.UTF_8));
  }

  static Locale locale(HttpServletRequest request) {
    String lang = request.getParameter("lang");
    Locale wanted = lang != null && !lang.isBlank() ? Locale.forLanguageTag(lang.replace('_', '-')) : request.getLocale();
    return wanted != null && "zh".equals(wanted.getLanguage()) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
  }
}
