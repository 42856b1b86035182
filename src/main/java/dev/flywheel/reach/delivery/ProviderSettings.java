package dev.flywheel.reach.delivery;

import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import dev.flywheel.reach.Channel;
import dev.flywheel.reach.delivery.provider.ProviderConfig;
import dev.flywheel.reach.delivery.provider.ProviderStore;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Each tenant's channel providers (admins, over the console and {@code /api/v1/reach/providers}).
 * Validates everything at save, so a send never meets a half-configured provider; secrets are
 * stored and never returned.
 */
@Service
public class ProviderSettings {
  public static final String CODE = "invalid-provider";
  private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9._-]{1,40}$");
  private static final Pattern HEADER = Pattern.compile("^[A-Za-z0-9-]{1,64}$");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");
  private static final Set<String> RESERVED = Set.of("host", "connection", "content-length", "content-type",
      "expect", "upgrade", "idempotency-key", "x-flywheel-timestamp", "x-flywheel-signature");
  private static final Set<Channel> HTTP = Set.of(Channel.SMS, Channel.PUSH, Channel.ROBOCALL);
  private final ProviderStore store;

  ProviderSettings(ProviderStore store) {
    this.store = store;
  }

  public List<ProviderSetting> list(long tenantId) {
    return store.list(tenantId).stream().map(ProviderSettings::view).toList();
  }

  public Optional<ProviderSetting> find(long tenantId, Channel channel) {
    return store.list(tenantId).stream().filter(c -> c.channel() == channel).findFirst().map(ProviderSettings::view);
  }

  /**
   * Creates or replaces the channel's provider.
   *
   * @throws Problem {@value #CODE} (422) naming every field at fault
   */
  public ProviderSetting save(long tenantId, ProviderForm form, String by) {
    List<FieldIssue> issues = check(tenantId, form);
    if (!issues.isEmpty()) {
      throw Problem.invalid(CODE, "The provider has invalid fields", issues);
    }
    boolean smtp = form.channel() == Channel.EMAIL;
    ProviderConfig saved = store.save(new ProviderConfig(0, tenantId, form.channel(),
        smtp ? ProviderConfig.SMTP : ProviderConfig.HTTP, form.name().strip(), smtp ? null : form.url().strip(),
        blankToNull(form.secret()), smtp ? java.util.Map.of() : form.headers(),
        smtp ? new ProviderConfig.Smtp(form.smtpHost().strip(), form.smtpPort(), blankToNull(form.smtpFrom()),
            blankToNull(form.smtpUsername()), blankToNull(form.smtpPassword()), form.smtpStartTls()) : null,
        form.enabled(), by, null));
    return view(saved);
  }

  /** @return false when the channel had no provider */
  public boolean disable(long tenantId, Channel channel, String by) {
    return store.disable(tenantId, channel, by);
  }

  private List<FieldIssue> check(long tenantId, ProviderForm f) {
    List<FieldIssue> issues = new ArrayList<>();
    if (f.channel() == null || f.channel() != Channel.EMAIL && !HTTP.contains(f.channel())) {
      issues.add(new FieldIssue("channel", "channel-has-no-provider",
          "only EMAIL, SMS, PUSH and ROBOCALL use a provider"));
      return issues;
    }
    if (f.name() == null || !NAME.matcher(f.name().strip()).matches()) {
      issues.add(new FieldIssue("name", "invalid-format", "1-40 letters, digits, '.', '_' or '-'"));
    }
    if (f.channel() == Channel.EMAIL) {
      checkSmtp(f, issues);
    } else {
      checkHttp(tenantId, f, issues);
    }
    return issues;
  }

  private static void checkSmtp(ProviderForm f, List<FieldIssue> issues) {
    if (f.smtpHost() == null || f.smtpHost().isBlank() || f.smtpHost().length() > 255) {
      issues.add(new FieldIssue("smtp.host", "required", "the SMTP server's host name"));
    }
    if (f.smtpPort() == null || f.smtpPort() < 1 || f.smtpPort() > 65535) {
      issues.add(new FieldIssue("smtp.port", "out-of-range", "a port between 1 and 65535"));
    }
    if (f.smtpFrom() != null && !f.smtpFrom().isBlank() && !EMAIL.matcher(f.smtpFrom().strip()).matches()) {
      issues.add(new FieldIssue("smtp.from", "invalid-format", "an e-mail address like news@example.com"));
    }
  }

  private void checkHttp(long tenantId, ProviderForm f, List<FieldIssue> issues) {
    if (!httpUrl(f.url())) {
      issues.add(new FieldIssue("url", "invalid-url", "an absolute http(s) URL"));
    }
    boolean hasSecret = store.list(tenantId).stream()
        .anyMatch(c -> c.channel() == f.channel() && c.secret() != null);
    if (f.secret() == null || f.secret().isBlank() ? !hasSecret : f.secret().strip().length() < 16
        || f.secret().length() > 200) {
      issues.add(new FieldIssue("secret", "invalid-secret", "16-200 characters; it signs requests and receipts"));
    }
    f.headers().forEach((name, value) -> {
      if (!HEADER.matcher(name).matches() || RESERVED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
        issues.add(new FieldIssue("headers." + name, "invalid-header", "a header name Flywheel does not set itself"));
      } else if (value == null || value.length() > 1000 || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        issues.add(new FieldIssue("headers." + name, "invalid-header", "a printable value of at most 1000 characters"));
      }
    });
    if (f.headers().size() > 20) {
      issues.add(new FieldIssue("headers", "too-many", "at most 20 headers"));
    }
  }

  private static boolean httpUrl(String url) {
    if (url == null || url.isBlank() || url.length() > 2000) {
      return false;
    }
    try {
      URI uri = URI.create(url.strip());
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static ProviderSetting view(ProviderConfig c) {
    String secret = c.secret();
    ProviderConfig.Smtp smtp = c.smtp();
    return new ProviderSetting(c.id(), c.channel(), c.kind(), c.name(), c.url(), secret != null,
        secret != null && secret.length() >= 16 ? "…" + secret.substring(secret.length() - 4) : null, c.headers(),
        smtp == null ? null : smtp.host(), smtp == null ? null : smtp.port(), smtp == null ? null : smtp.from(),
        smtp == null ? null : smtp.username(), smtp != null && smtp.password() != null,
        smtp != null && smtp.startTls(), c.enabled(),
        ProviderConfig.HTTP.equals(c.kind()) ? "/api/v1/reach/receipts/" + c.id() : null, c.updatedBy(),
        c.updatedAt());
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
