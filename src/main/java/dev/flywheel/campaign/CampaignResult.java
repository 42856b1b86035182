package dev.flywheel.campaign;

import dev.flywheel.platform.web.FieldIssue;
import java.util.List;

/** The outcome of a change to a campaign: a business "no" is a value, and then nothing was written. */
public sealed interface CampaignResult {
  record Done(Campaign campaign) implements CampaignResult {}

  /** Fields at fault, each with its own code ({@code invalid-rule}, {@code missing-budget}, …). */
  record Invalid(List<FieldIssue> issues) implements CampaignResult {}

  /**
   * Refused for the campaign's state: {@code campaign-ended}, {@code approval-pending},
   * {@code self-approval}, {@code invalid-transition}, {@code exclusive-overlap}.
   */
  record Refused(String code, String detail) implements CampaignResult {}
}
