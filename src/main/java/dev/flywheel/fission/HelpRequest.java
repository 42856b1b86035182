package dev.flywheel.fission;

/** One help attempt: the helper is the session's customer; device id and IP feed the fraud signals. */
public record HelpRequest(long tenantId, String invite, String helperId, String deviceId, String ip) {}
