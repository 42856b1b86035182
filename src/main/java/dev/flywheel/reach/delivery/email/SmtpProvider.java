package dev.flywheel.reach.delivery.email;

import dev.flywheel.reach.Channel;
import dev.flywheel.reach.delivery.provider.ChannelProvider;
import dev.flywheel.reach.delivery.provider.Parcel;
import dev.flywheel.reach.delivery.provider.ProviderConfig;
import dev.flywheel.reach.delivery.provider.ProviderResult;
import dev.flywheel.reach.delivery.provider.ProviderStore;
import dev.flywheel.reach.delivery.send.DeliveryProperties;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * E-mail over SMTP with Spring Mail: the tenant's SMTP provider from {@code reach_providers}, or
 * else the application's {@code spring.mail.*} server. With neither, a message FAILS with
 * {@code email-not-configured} (never silently dropped). The {@code Message-ID} is derived from the
 * message id ({@code <reach-<id>@<sender domain>>}), the idempotency key mail systems dedupe by.
 */
@Component
class SmtpProvider implements ChannelProvider {
  private final ProviderStore store;
  private final SmtpSenders senders;
  private final ObjectProvider<JavaMailSender> applicationMail;
  private final DeliveryProperties properties;

  SmtpProvider(ProviderStore store, SmtpSenders senders, ObjectProvider<JavaMailSender> applicationMail,
      DeliveryProperties properties) {
    this.store = store;
    this.senders = senders;
    this.applicationMail = applicationMail;
    this.properties = properties;
  }

  @Override
  public Set<Channel> channels() {
    return Set.of(Channel.EMAIL);
  }

  @Override
  public ProviderResult send(Parcel parcel) {
    Optional<ProviderConfig> config = store.active(parcel.tenantId(), Channel.EMAIL)
        .filter(c -> ProviderConfig.SMTP.equals(c.kind()) && c.smtp() != null);
    JavaMailSender sender = config.<JavaMailSender>map(senders::of).orElseGet(applicationMail::getIfAvailable);
    String label = config.map(ProviderConfig::label).orElse("smtp:application");
    if (sender == null) {
      return new ProviderResult.Refused("smtp", "email-not-configured",
          "no SMTP provider for this tenant and no spring.mail.host for the application");
    }
    String from = config.map(c -> c.smtp().from()).filter(f -> f != null && !f.isBlank())
        .orElse(properties.emailFrom());
    try {
      sender.send(message(sender, parcel, from));
      return new ProviderResult.Sent(label, config.map(ProviderConfig::id).orElse(null), messageId(parcel, from),
          false);
    } catch (MailAuthenticationException e) {
      return new ProviderResult.Refused(label, "smtp-authentication-failed", e.getMessage());
    } catch (MailSendException e) {
      return rejected(e) ? new ProviderResult.Refused(label, "rejected-by-provider", e.getMessage())
          : new ProviderResult.Unavailable(label, e.getMessage());
    } catch (MailException | MessagingException e) {
      return new ProviderResult.Refused(label, "invalid-message", e.getMessage());
    }
  }

  private static MimeMessage message(JavaMailSender sender, Parcel parcel, String from) throws MessagingException {
    String id = messageId(parcel, from);
    MimeMessage mime = sender instanceof JavaMailSenderImpl impl
        ? new FixedIdMessage(impl.getSession(), id) : sender.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(mime, "UTF-8");
    helper.setFrom(from);
    helper.setTo(parcel.recipient());
    helper.setSubject(parcel.subject() == null ? "" : parcel.subject());
    helper.setText(parcel.body() == null ? "" : parcel.body(), false);
    mime.setHeader("X-Flywheel-Message-Id", parcel.idempotencyKey());
    return mime;
  }

  static String messageId(Parcel parcel, String from) {
    String domain = from.contains("@") ? from.substring(from.lastIndexOf('@') + 1) : "flywheel";
    return "<reach-" + parcel.messageId() + "@" + domain + ">";
  }

  /** The server refused the addresses (permanent), rather than could not be reached. */
  private static boolean rejected(MailSendException e) {
    return e.getFailedMessages().values().stream().anyMatch(SendFailedException.class::isInstance)
        || e.getMessageExceptions().length > 0
        && java.util.Arrays.stream(e.getMessageExceptions()).anyMatch(SendFailedException.class::isInstance);
  }

  /** A MIME message whose Message-ID stays ours when JavaMail saves it. */
  private static final class FixedIdMessage extends MimeMessage {
    private final String id;

    FixedIdMessage(jakarta.mail.Session session, String id) {
      super(session);
      this.id = id;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", id);
    }
  }
}
