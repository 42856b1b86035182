package dev.flywheel.reach.delivery;

/**
 * Takes over a planned message and sends it through its channel's provider, durably: called in the
 * planning transaction, it records the delivery and schedules the send; the provider is called
 * after commit, with retries and backoff, at most once per message even across restarts.
 */
public interface Delivery {

  void handOver(OutgoingMessage message);
}
