package dev.flywheel.community;

/** How a calendar slot is carried out when it is due. */
public enum SopMode {
  /** a task for the community's account managers, with a reminder; they mark it done */
  TASK,
  /** posted in the chat through the adapter, done when posted */
  AUTO
}
