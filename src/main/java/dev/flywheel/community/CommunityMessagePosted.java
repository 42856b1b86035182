package dev.flywheel.community;

/** A message (either direction) was stored in a community's chat; for live views such as the web room. */
public record CommunityMessagePosted(long tenantId, long communityId, long messageId) {}
