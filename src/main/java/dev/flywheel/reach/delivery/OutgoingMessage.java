package dev.flywheel.reach.delivery;

import dev.flywheel.reach.Channel;
import dev.flywheel.reach.MessageCategory;

/**
 * A rendered message that passed consent, caps and quiet hours, handed from planning to delivery.
 *
 * @param recipient e-mail address, phone number or push token; null for INBOX and PHONE_TASK
 * @param subject e-mail subject, push title or inbox title; null for SMS and calls
 * @param body rendered text; links in it are not yet tracked (delivery rewrites them)
 */
public record OutgoingMessage(
    long tenantId,
    long messageId,
    String customerId,
    Channel channel,
    MessageCategory category,
    String recipient,
    String subject,
    String body,
    String source,
    String variant) {}
