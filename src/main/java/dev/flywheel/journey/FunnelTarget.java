package dev.flywheel.journey;

/**
 * A reference target on the journey report: the share of customers (or messages) at stage
 * {@code to} among those at stage {@code from}, between {@code min} and {@code max} (either may
 * be null). Stages: {@code entered} (runs), {@code reached} (runs with at least one message
 * accepted by reach), {@code sent}, {@code delivered}, {@code clicked} (messages, from reach), or a
 * milestone event type such as {@code message_click} or {@code app_login} (runs).
 */
public record FunnelTarget(String from, String to, Double min, Double max) {}
