package dev.flywheel.community;

import java.time.Instant;
import java.util.List;

/** A customer community and the account managers who run it. The chat secret is not part of it. */
public record Community(long id, long tenantId, String name, String description, ChatKind chatKind,
    String chatUrl, String joinCode, boolean archived, List<String> managers, String createdBy,
    Instant createdAt) {

  public boolean managedBy(String username) {
    return managers.contains(username);
  }
}
