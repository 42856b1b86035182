package dev.flywheel.reach.delivery.email;

import dev.flywheel.reach.Channel;
import dev.flywheel.reach.delivery.provider.ChannelProvider;
import dev.flywheel.reach.delivery.provider.Parcel;
import dev.flywheel.reach.delivery.provider.ProviderConfig;
import dev.flywheel.reach.delivery.provider.ProviderResult;
import dev.flywheel.reach.delivery.provider.ProviderStore;
import dev.flywheel.reach.delivery.send.DeliveryProperties;
import dev.flywheel.reach.delivery.tracking.OpenPixel;
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
 * Customer e-mails are multipart/alternative: the text, and an HTML part with clickable links and
 * the open pixel ({@link OpenPixel}); staff mails are text only.
 */
@Component
class SmtpProvider implements ChannelProvider {
  private final ProviderStore store;
  private final SmtpSenders senders;
  private final ObjectProvider<JavaMailSender> applicationMail;
  private final DeliveryProperties properties;
  private final OpenPixel pixel;

  SmtpProvider(ProviderStore store, SmtpSenders senders, ObjectProvider<JavaMailSender> applicationMail,
      DeliveryProperties properties, OpenPixel pixel) {
    this.pixel = pixel;
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
    String html = EmailHtml.of(parcel.body(), pixel.url(parcel.tenantId(), parcel.messageId()));
    return mail(parcel.tenantId(), parcel.recipient(), parcel.subject(), parcel.body(), html,
        "reach-" + parcel.messageId(), parcel.idempotencyKey());
  }

  /** Whether the tenant has an SMTP provider or the application a {@code spring.mail.*} server. */
  boolean configured(long tenantId) {
    return store.active(tenantId, Channel.EMAIL).filter(c -> ProviderConfig.SMTP.equals(c.kind()) && c.smtp() != null)
        .isPresent() || applicationMail.getIfAvailable() != null;
  }

  /**
   * One plain-text e-mail through the tenant's SMTP provider, else {@code spring.mail.*}.
   *
   * @param localId the left part of the {@code Message-ID} ({@code <localId@sender domain>})
   * @param reference the {@code X-Flywheel-Message-Id} header
   */
  ProviderResult mail(long tenantId, String recipient, String subject, String body, String localId, String reference) {
    return mail(tenantId, recipient, subject, body, null, localId, reference);
  }

  /** As above, with an HTML alternative when {@code html} is not null. */
  private ProviderResult mail(long tenantId, String recipient, String subject, String body, String html,
      String localId, String reference) {
    Optional<ProviderConfig> config = store.active(tenantId, Channel.EMAIL)
        .filter(c -> ProviderConfig.SMTP.equals(c.kind()) && c.smtp() != null);
    JavaMailSender sender = config.<JavaMailSender>map(senders::of).orElseGet(applicationMail::getIfAvailable);
    String label = config.map(ProviderConfig::label).orElse("smtp:application");
    if (sender == null) {
      return new ProviderResult.Refused("smtp", "email-not-configured",
          "no SMTP provider for this tenant and no spring.mail.host for the application");
    }
    String from = config.map(c -> c.smtp().from()).filter(f -> f != null && !f.isBlank())
        .orElse(properties.emailFrom());
    String id = messageId(localId, from);
    try {
      sender.send(message(sender, recipient, subject, new Content(body, html), from, id, reference));
      return new ProviderResult.Sent(label, config.map(ProviderConfig::id).orElse(null), id, false);
    } catch (MailAuthenticationException e) {
      return new ProviderResult.Refused(label, "smtp-authentication-failed", e.getMessage());
    } catch (MailSendException e) {
      return rejected(e) ? new ProviderResult.Refused(label, "rejected-by-provider", e.getMessage())
          : new ProviderResult.Unavailable(label, e.getMessage());
    } catch (MailException | MessagingException e) {
      return new ProviderResult.Refused(label, "invalid-message", e.getMessage());
    }
  }

  /** The plain text and its HTML alternative (null for text only). */
  private record Content(String text, String html) {}

  private static MimeMessage message(JavaMailSender sender, String recipient, String subject, Content content,
      String from, String id, String reference) throws MessagingException {
    MimeMessage mime = sender instanceof JavaMailSenderImpl impl
        ? new FixedIdMessage(impl.getSession(), id) : sender.createMimeMessage();
    String body = content.text();
    String html = content.html();
    MimeMessageHelper helper = new MimeMessageHelper(mime, html != null, "UTF-8");
    helper.setFrom(from);
    helper.setTo(recipient);
    helper.setSubject(subject == null ? "" : subject);
    if (html == null) {
      helper.setText(body == null ? "" : body, false);
    } else {
      helper.setText(body == null ? "" : body, html);
    }
    mime.setHeader("X-Flywheel-Message-Id", reference);
    return mime;
  }

  static String messageId(Parcel parcel, String from) {
    return messageId("reach-" + parcel.messageId(), from);
  }

  private static String messageId(String localId, String from) {
    String domain = from.contains("@") ? from.substring(from.lastIndexOf('@') + 1) : "flywheel";
    return "<" + localId + "@" + domain + ">";
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
