package dev.flywheel.community;

/** How a community's group chat is reached. */
public enum ChatKind {
  /** Flywheel's own web chat room: members join by link and chat in the browser. */
  WEB_ROOM,
  /** An external group chat (e.g. WeCom) behind a signed HTTP adapter. */
  HTTP
}
