package dev.flywheel.community;

/** What a message in a community chat is. */
public enum PostKind {
  /** ordinary chat by members or managers */
  CHAT,
  /** a group game's round: question, announcement of the winner */
  GAME,
  /** a product placement (e.g. right after a game) */
  PRODUCT,
  /** a post of the weekly content calendar */
  SOP
}
