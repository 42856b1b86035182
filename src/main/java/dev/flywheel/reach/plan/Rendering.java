package dev.flywheel.reach.plan;

import dev.flywheel.customer.CustomerProfile;
import dev.flywheel.reach.Channel;
import dev.flywheel.reach.ContactPolicy;
import dev.flywheel.reach.MessageTemplate;
import dev.flywheel.reach.template.TemplateText;
import java.util.Map;

/** Turns a template variant into the text one customer gets, and finds where to send it. */
public final class Rendering {
  private Rendering() {}

  /** Subject and body of a rendered message. */
  public record Text(String subject, String body) {}

  public static Text render(MessageTemplate.Variant variant, Channel channel, CustomerProfile customer,
      String tenantName, Map<String, Object> values, ContactPolicy policy) {
    Map<String, String> vars = TemplateText.variables(customer, tenantName, values);
    String body = TemplateText.render(variant.body(), vars);
    if (channel == Channel.SMS && policy.optOutText() != null && !policy.optOutText().isBlank()
        && !body.contains(policy.optOutText())) {
      body = body + " " + policy.optOutText();
    }
    String subject = channel == Channel.SMS || channel == Channel.ROBOCALL ? null
        : TemplateText.render(variant.subject(), vars);
    return new Text(subject, body);
  }

  public static MessageTemplate.Variant variant(MessageTemplate template, String name) {
    return template.variants().stream().filter(v -> v.name().equals(name)).findFirst()
        .orElse(template.variants().getFirst());
  }

  /** E-mail address, phone number or push token; null where the channel needs none or none is known. */
  public static String recipient(Channel channel, CustomerProfile c) {
    return switch (channel) {
      case EMAIL -> c.email() != null && !c.email().isBlank() ? c.email() : attribute(c, "email");
      case SMS, ROBOCALL -> c.phone();
      case PUSH -> attribute(c, "push_token");
      case INBOX, PHONE_TASK -> null;
    };
  }

  /** Whether the channel can reach this customer at all. */
  public static boolean addressable(Channel channel, CustomerProfile c) {
    return channel == Channel.INBOX || channel == Channel.PHONE_TASK ? true : recipient(channel, c) != null;
  }

  /** True when the customer opted out of the consent the channel needs. */
  public static boolean optedOut(Channel channel, CustomerProfile c) {
    if (channel.consentKey() == null || c.consent() == null) {
      return false;
    }
    CustomerProfile.Consent consent = c.consent().get(channel.consentKey());
    return consent != null && !consent.granted();
  }

  private static String attribute(CustomerProfile c, String key) {
    Object value = c.attributes() == null ? null : c.attributes().get(key);
    return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value);
  }
}
