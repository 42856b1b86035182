package dev.flywheel.reach.delivery;

import dev.flywheel.reach.Channel;
import java.time.Instant;
import java.util.Map;

/**
 * A channel's provider as operators see it: secrets are never shown, only whether one is set and
 * its last four characters.
 *
 * @param receiptPath where the provider posts signed delivery receipts (HTTP providers)
 */
public record ProviderSetting(
    long id,
    Channel channel,
    String kind,
    String name,
    String url,
    boolean secretSet,
    String secretHint,
    Map<String, String> headers,
    String smtpHost,
    Integer smtpPort,
    String smtpFrom,
    String smtpUsername,
    boolean smtpPasswordSet,
    boolean smtpStartTls,
    boolean enabled,
    String receiptPath,
    String updatedBy,
    Instant updatedAt) {}
