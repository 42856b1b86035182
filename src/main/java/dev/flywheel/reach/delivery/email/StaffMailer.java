package dev.flywheel.reach.delivery.email;

import dev.flywheel.reach.StaffMail;
import dev.flywheel.reach.delivery.provider.ProviderResult;
import org.springframework.stereotype.Component;

/** {@link StaffMail} over the same SMTP route as customer e-mail ({@link SmtpProvider}). */
@Component
class StaffMailer implements StaffMail {
  private final SmtpProvider smtp;

  StaffMailer(SmtpProvider smtp) {
    this.smtp = smtp;
  }

  @Override
  public Outcome send(long tenantId, String to, String subject, String body, String reference) {
    if (!smtp.configured(tenantId)) {
      return new Outcome.NotSent("email-not-configured",
          "no SMTP provider for this tenant and no spring.mail.host for the application");
    }
    if (to == null || to.isBlank() || !to.contains("@")) {
      return new Outcome.NotSent("no-address", "the console user has no e-mail address");
    }
    ProviderResult result = smtp.mail(tenantId, to, subject, body, "staff-" + reference, reference);
    return switch (result) {
      case ProviderResult.Sent s -> new Outcome.Sent(s.provider(), s.reference());
      case ProviderResult.Refused r -> new Outcome.NotSent(r.reason(), r.detail());
      case ProviderResult.Unavailable u -> new Outcome.NotSent("provider-unavailable", u.error());
    };
  }
}
