package dev.flywheel.campaign.web;

import dev.flywheel.campaign.Campaign;
import dev.flywheel.campaign.CampaignResult;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * Campaign results as HTTP: invalid plans are 422 with every field at fault (top-level code the
 * fields' code when they share one, else {@code invalid-campaign}); {@code self-approval} is 403;
 * other refusals are 409.
 */
final class Results {
  private Results() {}

  static Campaign campaign(CampaignResult result) {
    return switch (result) {
      case CampaignResult.Done done -> done.campaign();
      case CampaignResult.Invalid invalid -> {
        List<FieldIssue> issues = invalid.issues();
        String code = issues.stream().map(FieldIssue::code).distinct().count() == 1 ? issues.getFirst().code()
            : "invalid-campaign";
        String detail = issues.size() == 1 ? issues.getFirst().message()
            : "The campaign has " + issues.size() + " problems; see errors";
        throw Problem.invalid(code, detail, issues);
      }
      case CampaignResult.Refused refused -> throw new Problem(
          "self-approval".equals(refused.code()) ? HttpStatus.FORBIDDEN : HttpStatus.CONFLICT, refused.code(),
          refused.detail(), List.of());
    };
  }
}
