package dev.flywheel.journey.run;

import dev.flywheel.campaign.CampaignStatus;
import dev.flywheel.campaign.Campaigns;
import dev.flywheel.customer.Customers;
import dev.flywheel.journey.JourneyStep;
import dev.flywheel.journey.StepType;
import dev.flywheel.ledger.GrantOutcome;
import dev.flywheel.ledger.GrantRequest;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.reach.Channel;
import dev.flywheel.reach.Reach;
import dev.flywheel.reach.SendOutcome;
import dev.flywheel.reach.SendRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The steps that change something outside the journey: messages through {@link Reach}, grants
 * through the {@link Ledger}, tags through {@link Customers}. Each joins the step's transaction and
 * is idempotent by a key derived from the run and step, so a step re-run after a crash changes
 * nothing twice.
 */
@Component
class Effects {
  /** Refusals after which the next listed channel is tried. */
  private static final Set<String> TRY_NEXT = Set.of("opted-out", "channel-not-allowed-for-stage", "no-address",
      "channel-not-configured", "no-template-for-channel", "unknown-template");
  private final ObjectProvider<Reach> reach;
  private final Ledger ledger;
  private final Campaigns campaigns;
  private final Customers customers;
  private final RunStore runs;

  Effects(ObjectProvider<Reach> reach, Ledger ledger, Campaigns campaigns, Customers customers, RunStore runs) {
    this.reach = reach;
    this.ledger = ledger;
    this.campaigns = campaigns;
    this.customers = customers;
    this.runs = runs;
  }

  /** The reach source of a step's messages; the report groups by it. */
  static String source(long journeyId, int version, String stepKey) {
    return "journey/" + journeyId + "/v" + version + "/step/" + stepKey;
  }

  /** The dedupe key of a step's message on one channel: one per run, step number and channel. */
  static String dedupeKey(long runId, int seq, Channel channel) {
    return Resumes.instanceId(runId, seq) + "-" + channel.name().toLowerCase();
  }

  /** Tries the step's channels in order (cheapest first) until reach accepts one. */
  StepOutcome send(RunRow run, int seq, JourneyStep step, Instant now) {
    Reach api = reach.getIfAvailable();
    if (api == null) {
      return StepOutcome.of("refused:reach-unavailable");
    }
    List<Channel> channels = step.type() == StepType.PHONE_TASK ? List.of(Channel.PHONE_TASK) : step.channels();
    List<String> used = Boolean.TRUE.equals(step.skipUsedChannels()) ? runs.usedChannels(run.id()) : List.of();
    String refusal = "no-channel-left";
    for (Channel channel : channels) {
      if (used.contains(channel.name())) {
        continue;
      }
      SendOutcome outcome = api.send(new SendRequest(run.tenantId(), run.customerId(), channel, step.category(),
          step.template(), values(run, step), source(run.journeyId(), run.version(), step.key()),
          dedupeKey(run.id(), seq, channel), now, null));
      switch (outcome) {
        case SendOutcome.Queued queued -> {
          return new StepOutcome("sent", null, channel.name(), queued.messageId(), queued.variant());
        }
        case SendOutcome.Refused refused -> {
          refusal = refused.reason();
          if (!TRY_NEXT.contains(refused.reason())) {
            return new StepOutcome("refused:" + refusal, null, channel.name(), null, null);
          }
        }
      }
    }
    return StepOutcome.of("refused:" + refusal);
  }

  private static Map<String, Object> values(RunRow run, JourneyStep step) {
    Map<String, Object> values = new java.util.HashMap<>();
    if (run.context().get("attributes") instanceof Map<?, ?> attributes) {
      attributes.forEach((k, v) -> values.put("event_" + k, v));
    }
    if (step.values() != null) {
      values.putAll(step.values());
    }
    return values;
  }

  /** Exactly once per run and step: the ledger's key is (campaign, journey step, run). */
  StepOutcome grant(RunRow run, JourneyStep step) {
    boolean running = campaigns.find(run.tenantId(), step.campaignId())
        .map(c -> c.status() == CampaignStatus.RUNNING).orElse(false);
    if (!running) {
      return StepOutcome.of("campaign-not-running");
    }
    String rule = "journey-" + run.journeyId() + "-" + step.key();
    String source = "journey-run-" + run.id();
    GrantRequest request = step.couponTemplateId() != null
        ? GrantRequest.coupons(run.tenantId(), step.campaignId(), rule, source, run.customerId(),
            step.couponTemplateId(), Math.toIntExact(step.amount()))
        : GrantRequest.of(run.tenantId(), step.campaignId(), rule, source, run.customerId(), step.asset(),
            step.amount());
    return switch (ledger.grant(request)) {
      case GrantOutcome.Granted g -> StepOutcome.of("granted");
      case GrantOutcome.AlreadyGranted g -> StepOutcome.of("granted");
      case GrantOutcome.BudgetExhausted b -> StepOutcome.of("budget-exhausted");
    };
  }

  StepOutcome tag(RunRow run, JourneyStep step) {
    customers.addTags(run.tenantId(), Map.of(run.customerId(), step.tags()));
    return StepOutcome.of("tagged");
  }
}
