package dev.flywheel.reach;

/**
 * How one copy variant of a template did: messages queued for delivery, delivered, clicked, and
 * converted (the customer produced the template's goal event after the message was queued).
 */
public record VariantResult(String variant, long queued, long delivered, long clicked, long converted) {}
