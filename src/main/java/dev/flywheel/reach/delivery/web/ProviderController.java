package dev.flywheel.reach.delivery.web;

import dev.flywheel.platform.tenancy.CurrentTenant;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import dev.flywheel.reach.Channel;
import dev.flywheel.reach.delivery.ProviderForm;
import dev.flywheel.reach.delivery.ProviderSetting;
import dev.flywheel.reach.delivery.ProviderSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/reach/providers}: a tenant's channel providers. Secrets go in, never out. */
@RestController
@RequestMapping("/api/v1/reach/providers")
class ProviderController {
  private final ProviderSettings settings;
  private final CurrentTenant tenant;

  ProviderController(ProviderSettings settings, CurrentTenant tenant) {
    this.settings = settings;
    this.tenant = tenant;
  }

  @GetMapping
  Map<String, Object> list() {
    return Map.of("items", settings.list(tenant.id()).stream().map(ProviderController::json).toList());
  }

  @PutMapping("/{channel}")
  ResponseEntity<Map<String, Object>> save(@PathVariable String channel, @RequestBody Map<String, Object> body) {
    Channel ch = channel(channel);
    boolean existed = settings.find(tenant.id(), ch).isPresent();
    ProviderSetting saved = settings.save(tenant.id(), form(ch, body), tenant.actor());
    return ResponseEntity.status(existed ? HttpStatus.OK : HttpStatus.CREATED).body(json(saved));
  }

  @DeleteMapping("/{channel}")
  ResponseEntity<Void> disable(@PathVariable String channel) {
    if (!settings.disable(tenant.id(), channel(channel), tenant.actor())) {
      throw Problem.notFound("provider for channel", channel);
    }
    return ResponseEntity.noContent().build();
  }

  private static Channel channel(String value) {
    try {
      return Channel.valueOf(value.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Problem.notFound("channel", value);
    }
  }

  @SuppressWarnings("unchecked")
  private static ProviderForm form(Channel channel, Map<String, Object> b) {
    Object smtpValue = b.getOrDefault("smtp", Map.of());
    Object headersValue = b.getOrDefault("headers", Map.of());
    if (!(smtpValue instanceof Map<?, ?>) || !(headersValue instanceof Map<?, ?>)) {
      throw Problem.invalid(ProviderSettings.CODE, "The provider has invalid fields",
          List.of(new FieldIssue(smtpValue instanceof Map<?, ?> ? "headers" : "smtp", "wrong-type", "must be a JSON object")));
    }
    Map<String, Object> smtp = (Map<String, Object>) smtpValue;
    Map<String, String> headers = new LinkedHashMap<>();
    ((Map<String, Object>) headersValue).forEach((k, v) -> headers.put(k, v == null ? null : v.toString()));
    Object port = smtp.get("port");
    return new ProviderForm(channel, text(b.get("name")), text(b.get("url")), text(b.get("secret")), headers,
        text(smtp.get("host")), port instanceof Number n ? Integer.valueOf(n.intValue()) : null,
        text(smtp.get("from")), text(smtp.get("username")), text(smtp.get("password")),
        Boolean.TRUE.equals(smtp.get("starttls")), !Boolean.FALSE.equals(b.get("enabled")));
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  static Map<String, Object> json(ProviderSetting s) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", s.id());
    json.put("channel", s.channel());
    json.put("kind", s.kind());
    json.put("name", s.name());
    json.put("enabled", s.enabled());
    if ("http".equals(s.kind())) {
      json.put("url", s.url());
      json.put("headers", s.headers());
      json.put("secret_set", s.secretSet());
      json.put("secret_hint", s.secretHint());
      json.put("receipt_path", s.receiptPath());
    } else {
      Map<String, Object> smtp = new LinkedHashMap<>();
      smtp.put("host", s.smtpHost());
      smtp.put("port", s.smtpPort());
      smtp.put("from", s.smtpFrom());
      smtp.put("username", s.smtpUsername());
      smtp.put("password_set", s.smtpPasswordSet());
      smtp.put("starttls", s.smtpStartTls());
      json.put("smtp", smtp);
    }
    json.put("updated_by", s.updatedBy());
    json.put("updated_at", s.updatedAt());
    return json;
  }
}
