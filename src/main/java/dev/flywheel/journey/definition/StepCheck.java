package dev.flywheel.journey.definition;

import dev.flywheel.campaign.Campaigns;
import dev.flywheel.journey.JourneyStep;
import dev.flywheel.journey.SplitArm;
import dev.flywheel.journey.StepType;
import dev.flywheel.reach.Channel;
import dev.flywheel.reach.MessageTemplates;
import dev.flywheel.ledger.Asset;
import dev.flywheel.platform.web.FieldIssue;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The field checks of one step, by type; issues carry the step's path prefix (e.g. {@code steps[2].}). */
@Component
class StepCheck {
  private final Fields definitions;
  private final Campaigns campaigns;
  private final MessageTemplates templates;

  StepCheck(Fields definitions, Campaigns campaigns, MessageTemplates templates) {
    this.definitions = definitions;
    this.campaigns = campaigns;
    this.templates = templates;
  }

  /** A send or phone task names a reach template key that exists for at least one of its channels. */
  void template(long tenantId, JourneyStep step, String at, List<FieldIssue> issues) {
    if (step.type() != StepType.SEND && step.type() != StepType.PHONE_TASK || step.template() == null
        || step.template().isBlank()) {
      return;
    }
    List<Channel> channels = step.type() == StepType.PHONE_TASK ? List.of(Channel.PHONE_TASK)
        : step.channels() == null ? List.of() : step.channels().stream().filter(java.util.Objects::nonNull).toList();
    if (!channels.isEmpty() && channels.stream().noneMatch(c -> templates.exists(tenantId, c, step.template()))) {
      issues.add(new FieldIssue(at + "template", "unknown-template", "reach has no template '" + step.template()
          + "' for " + channels.stream().map(Enum::name).collect(java.util.stream.Collectors.joining(", "))));
    }
  }

  void issues(long tenantId, JourneyStep step, String at, List<FieldIssue> issues) {
    if (step.key() == null || step.key().isBlank() || !step.key().matches("[A-Za-z0-9_-]{1,40}")) {
      issues.add(new FieldIssue(at + "key", "invalid-step-key", "a step key is 1-40 letters, digits, _ or -"));
    }
    if (step.type() == null) {
      issues.add(new FieldIssue(at + "type", "missing-field",
          "the step type is required: SEND, WAIT, BRANCH, PHONE_TASK, GRANT, TAG or EXIT"));
      return;
    }
    switch (step.type()) {
      case SEND, PHONE_TASK -> message(step, at, issues);
      case WAIT -> waitStep(tenantId, step, at, issues);
      case BRANCH -> branch(step, at, issues);
      case GRANT -> grant(tenantId, step, at, issues);
      case TAG -> {
        if (step.tags() == null || step.tags().isEmpty() || step.tags().stream().anyMatch(t -> t == null || t.isBlank())) {
          issues.add(new FieldIssue(at + "tags", "missing-field", "name at least one tag"));
        }
      }
      case EXIT -> { }
    }
  }

  private static void message(JourneyStep step, String at, List<FieldIssue> issues) {
    if (step.type() == dev.flywheel.journey.StepType.SEND && (step.channels() == null || step.channels().isEmpty())) {
      issues.add(new FieldIssue(at + "channels", "missing-field", "name at least one channel, cheapest first"));
    }
    if (step.template() == null || step.template().isBlank()) {
      issues.add(new FieldIssue(at + "template", "missing-field", "a reach template key is required"));
    }
    if (step.category() == null) {
      issues.add(new FieldIssue(at + "category", "missing-field", "TRANSACTIONAL, SERVICE or MARKETING"));
    }
  }

  private void waitStep(long tenantId, JourneyStep step, String at, List<FieldIssue> issues) {
    long modes = java.util.stream.Stream.of(step.duration(), step.untilEvent(), step.untilDate(),
            step.waitsForPhoneOutcome() ? Boolean.TRUE : null)
        .filter(java.util.Objects::nonNull).count();
    if (modes != 1) {
      issues.add(new FieldIssue(at + "duration", "invalid-wait",
          "a wait has exactly one of duration, until_event, until_date or until_phone_outcome"));
      return;
    }
    if (step.duration() != null) {
      duration(step.duration(), at + "duration", issues);
      return;
    }
    if (step.untilDate() != null) {
      if (step.offset() != null) {
        try {
          Duration.parse(step.offset());
        } catch (DateTimeParseException e) {
          issues.add(new FieldIssue(at + "offset", "invalid-duration", "'" + step.offset()
              + "' is not an ISO-8601 duration such as -P3D"));
        }
      }
      return;
    }
    if (!step.waitsForPhoneOutcome()) {
      definitions.eventType(tenantId, at + "until_event", step.untilEvent(), issues);
    }
    definitions.condition(at + "until_condition", step.untilCondition(), issues);
    if (step.timeout() == null) {
      issues.add(new FieldIssue(at + "timeout", "missing-timeout", "waiting for an event needs a timeout"));
    } else {
      duration(step.timeout(), at + "timeout", issues);
    }
    if (step.onTimeout() == null) {
      issues.add(new FieldIssue(at + "on_timeout", "missing-timeout-target",
          "name the step that follows when the event does not come in time"));
    }
  }

  private static void duration(String text, String field, List<FieldIssue> issues) {
    try {
      Duration duration = Duration.parse(text);
      if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofDays(366)) > 0) {
        issues.add(new FieldIssue(field, "invalid-duration", "a duration between 1 second and 366 days"));
      }
    } catch (DateTimeParseException e) {
      issues.add(new FieldIssue(field, "invalid-duration", "'" + text + "' is not an ISO-8601 duration such as P1D or PT4H"));
    }
  }

  private void branch(JourneyStep step, String at, List<FieldIssue> issues) {
    boolean split = step.arms() != null && !step.arms().isEmpty();
    if (split == (step.condition() != null)) {
      issues.add(new FieldIssue(at + "condition", "invalid-branch", "a branch has either a condition or arms"));
      return;
    }
    if (!split) {
      definitions.condition(at + "condition", step.condition(), issues);
      if (step.then() == null) {
        issues.add(new FieldIssue(at + "then", "missing-field", "name the step that follows when the condition holds"));
      }
      return;
    }
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < step.arms().size(); i++) {
      SplitArm arm = step.arms().get(i);
      String field = at + "arms[" + i + "]";
      if (arm.key() == null || !keys.add(arm.key())) {
        issues.add(new FieldIssue(field + ".key", "invalid-arm", "each arm needs its own key"));
      }
      if (arm.weight() <= 0) {
        issues.add(new FieldIssue(field + ".weight", "invalid-weight", "weights are positive integers"));
      }
      if (arm.next() == null) {
        issues.add(new FieldIssue(field + ".next", "missing-arm-target", "name the step this arm leads to"));
      }
    }
  }

  private void grant(long tenantId, JourneyStep step, String at, List<FieldIssue> issues) {
    if (step.campaignId() == null || campaigns.find(tenantId, step.campaignId()).isEmpty()) {
      issues.add(new FieldIssue(at + "campaign_id", "unknown-campaign", "campaign " + step.campaignId()
          + " was not found; a grant is paid from a campaign's budget"));
    }
    if (step.asset() == null) {
      issues.add(new FieldIssue(at + "asset", "missing-field", "the asset to grant is required"));
    } else if ((step.asset() == Asset.COUPON) != (step.couponTemplateId() != null)) {
      issues.add(new FieldIssue(at + "coupon_template_id", "invalid-grant",
          "a coupon template is required for COUPON grants and only for them"));
    }
    if (step.amount() == null || step.amount() <= 0) {
      issues.add(new FieldIssue(at + "amount", "invalid-amount", "the amount is a positive whole number"));
    }
  }
}
