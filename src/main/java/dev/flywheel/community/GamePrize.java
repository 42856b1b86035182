package dev.flywheel.community;

import dev.flywheel.ledger.Asset;

/** What a round's winner gets, granted through the ledger exactly once. */
public record GamePrize(Asset asset, long amount) {}
