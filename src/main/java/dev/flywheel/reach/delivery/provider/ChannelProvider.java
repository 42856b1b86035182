package dev.flywheel.reach.delivery.provider;

import dev.flywheel.reach.Channel;
import java.util.Set;

/**
 * The SPI each channel's sender implements. Called after the hand-over committed, outside any
 * transaction, possibly more than once for the same message (after a crash between the provider's
 * answer and our commit): implementations pass {@link Parcel#idempotencyKey()} on, so the receiver
 * can drop the repeat. Must not throw for provider failures: return {@link ProviderResult}.
 */
public interface ChannelProvider {

  Set<Channel> channels();

  ProviderResult send(Parcel parcel);
}
