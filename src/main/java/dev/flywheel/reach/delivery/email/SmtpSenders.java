package dev.flywheel.reach.delivery.email;

import dev.flywheel.reach.delivery.provider.ProviderConfig;
import dev.flywheel.reach.delivery.send.DeliveryProperties;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/** One Spring {@link JavaMailSenderImpl} per stored SMTP provider, rebuilt when it is changed. */
@Component
class SmtpSenders {
  private record Entry(Instant version, JavaMailSenderImpl sender) {}

  private final Map<Long, Entry> cache = new ConcurrentHashMap<>();
  private final long timeoutMillis;

  SmtpSenders(DeliveryProperties properties) {
    this.timeoutMillis = properties.httpTimeout().toMillis();
  }

  JavaMailSenderImpl of(ProviderConfig config) {
    Entry entry = cache.compute(config.id(), (id, old) ->
        old != null && old.version().equals(config.updatedAt()) ? old : new Entry(config.updatedAt(), build(config)));
    return entry.sender();
  }

  private JavaMailSenderImpl build(ProviderConfig config) {
    ProviderConfig.Smtp smtp = config.smtp();
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost(smtp.host());
    sender.setPort(smtp.port());
    sender.setDefaultEncoding("UTF-8");
    Properties props = sender.getJavaMailProperties();
    if (smtp.username() != null && !smtp.username().isBlank()) {
      sender.setUsername(smtp.username());
      sender.setPassword(smtp.password());
      props.put("mail.smtp.auth", "true");
    }
    props.put("mail.smtp.starttls.enable", Boolean.toString(smtp.startTls()));
    props.put("mail.smtp.starttls.required", Boolean.toString(smtp.startTls()));
    props.put("mail.smtp.connectiontimeout", Long.toString(timeoutMillis));
    props.put("mail.smtp.timeout", Long.toString(timeoutMillis));
    props.put("mail.smtp.writetimeout", Long.toString(timeoutMillis));
    return sender;
  }
}
