package dev.flywheel.community;

/**
 * A post Flywheel makes in a community chat.
 *
 * @param senderName shown as the author (the account manager's name, or the community's bot name)
 * @param reference what produced it, e.g. {@code game-round:12} or {@code sop-slot:7}
 */
public record Post(String senderName, String body, PostKind kind, String reference) {}
