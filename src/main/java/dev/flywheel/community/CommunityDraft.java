package dev.flywheel.community;

import java.util.List;

/**
 * What an operator fills in to create a community.
 *
 * @param chatUrl where the HTTP adapter posts (required for {@link ChatKind#HTTP}, unused otherwise)
 * @param managers usernames of the EMPLOYEE users who run it (at least one)
 */
public record CommunityDraft(String name, String description, ChatKind chatKind, String chatUrl,
    List<String> managers) {}
