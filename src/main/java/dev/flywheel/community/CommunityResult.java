package dev.flywheel.community;

import dev.flywheel.platform.web.FieldIssue;
import java.util.List;

/** The answer to a change of a community: done, or refused with a stable code and nothing written. */
public sealed interface CommunityResult {
  record Done(Community community) implements CommunityResult {}

  record Refused(String code, String message, List<FieldIssue> issues) implements CommunityResult {}
}
