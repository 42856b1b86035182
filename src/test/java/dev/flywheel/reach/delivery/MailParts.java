package dev.flywheel.reach.delivery;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;
import java.util.Optional;

/** Reads the text and HTML parts of a received (possibly multipart) e-mail. */
public final class MailParts {
  private MailParts() {}

  /** The text/plain content. */
  public static String text(Part mail) {
    return find(mail, "text/plain").orElseThrow(() -> new AssertionError("no text/plain part"));
  }

  /** The text/html content, if the mail has one. */
  public static Optional<String> html(Part mail) {
    return find(mail, "text/html");
  }

  private static Optional<String> find(Part part, String type) {
    try {
      if (part.isMimeType(type)) {
        return Optional.of(part.getContent().toString());
      }
      if (part.getContent() instanceof Multipart multipart) {
        for (int i = 0; i < multipart.getCount(); i++) {
          BodyPart child = multipart.getBodyPart(i);
          Optional<String> found = find(child, type);
          if (found.isPresent()) {
            return found;
          }
        }
      }
      return Optional.empty();
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException("unreadable mail", e);
    }
  }
}
