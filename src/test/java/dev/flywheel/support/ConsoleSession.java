package dev.flywheel.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A real browser-like HTTP session against the console: cookies, CSRF tokens, form posts. */
public final class ConsoleSession {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*content=\"([^\"]+)\"|name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"|name=\"_csrf\" value=\"([^\"]+)\"");
  private final HttpClient http;
  private final String base;

  public ConsoleSession(int port) {
    this.base = "http://localhost:" + port;
    this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
  }

  /** Posts a form with the CSRF token taken from {@code tokenPage}, as a browser would. */
  public HttpResponse<String> post(String path, String tokenPage, Map<String, String> form) {
    String token = csrfToken(get(tokenPage).body());
    var body = new java.util.LinkedHashMap<>(form);
    if (token != null) {
      body.put("_csrf", token);
    }
    return postRaw(path, body);
  }

  public HttpResponse<String> postRaw(String path, Map<String, String> form) {
    String encoded = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(encoded)).build());
  }

  public ConsoleSession login(String username, String password) {
    HttpResponse<String> response = post("/login", "/login", Map.of("username", username, "password", password));
    String location = response.headers().firstValue("Location").orElse("");
    if (response.statusCode() != 302 || location.contains("error")) {
      throw new IllegalStateException("login failed for " + username + ": " + response.statusCode() + " " + location);
    }
    return this;
  }

  public static String csrfToken(String html) {
    Matcher m = CSRF.matcher(html);
    if (!m.find()) {
      return null;
    }
    for (int i = 1; i <= m.groupCount(); i++) {
      if (m.group(i) != null) {
        return m.group(i);
      }
    }
    return null;
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
