package dev.flywheel.journey;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.flywheel.ledger.Asset;
import dev.flywheel.reach.Channel;
import dev.flywheel.reach.MessageCategory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One step of a journey. {@code key} is unique in the journey; {@code next} names the following
 * step (null: the next one in the list; after the last step the run ends with {@code completed}).
 * The fields a {@link StepType} does not use stay null.
 *
 * <ul>
 *   <li>SEND / PHONE_TASK: {@code channels} (the first one reach accepts is used, so list them
 *       cheapest first; PHONE_TASK always uses {@link Channel#PHONE_TASK}), {@code template} (a
 *       reach template key), {@code category}, optional {@code values}; with
 *       {@code skip_used_channels} the channels this run already used are skipped ("follow up
 *       through the next channel").
 *   <li>WAIT: one of {@code duration} (ISO-8601, e.g. {@code P1D}); {@code until_event} (with
 *       optional {@code until_condition}), {@code timeout}, {@code on_event} and
 *       {@code on_timeout} (step keys); or {@code until_date} (a DATE attribute of the trigger
 *       event, taken at 10:00 tenant time) plus {@code offset} (e.g. {@code -P3D}); or
 *       {@code until_phone_outcome: true} with {@code timeout}, {@code on_event} (taken when the
 *       outcome of one of the run's phone tasks is recorded), {@code on_timeout} and an optional
 *       {@code until_condition} over {@code phone_outcome} and {@code customer}.
 *   <li>BRANCH: {@code condition} (CEL over {@code customer} and {@code event}) with
 *       {@code then} / {@code else}, or {@code arms} (a sticky weighted split).
 *   <li>GRANT: {@code campaign_id} (its budget pays; the campaign must be running),
 *       {@code asset}, {@code amount}, {@code coupon_template_id} for coupons.
 *   <li>TAG: {@code tags}. EXIT: {@code reason}.
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JourneyStep(
    String key,
    StepType type,
    String next,
    List<Channel> channels,
    String template,
    MessageCategory category,
    Map<String, Object> values,
    @JsonProperty("skip_used_channels") Boolean skipUsedChannels,
    String duration,
    @JsonProperty("until_event") String untilEvent,
    @JsonProperty("until_condition") String untilCondition,
    String timeout,
    @JsonProperty("on_event") String onEvent,
    @JsonProperty("on_timeout") String onTimeout,
    @JsonProperty("until_date") String untilDate,
    String offset,
    String condition,
    String then,
    @JsonProperty("else") String otherwise,
    List<SplitArm> arms,
    @JsonProperty("campaign_id") Long campaignId,
    Asset asset,
    Long amount,
    @JsonProperty("coupon_template_id") Long couponTemplateId,
    List<String> tags,
    String reason,
    @JsonProperty("until_phone_outcome") Boolean untilPhoneOutcome) {

  /** The shape before {@code until_phone_outcome} (not a phone-outcome wait). */
  public JourneyStep(String key, StepType type, String next, List<Channel> channels, String template,
      MessageCategory category, Map<String, Object> values, Boolean skipUsedChannels, String duration,
      String untilEvent, String untilCondition, String timeout, String onEvent, String onTimeout, String untilDate,
      String offset, String condition, String then, String otherwise, List<SplitArm> arms, Long campaignId,
      Asset asset, Long amount, Long couponTemplateId, List<String> tags, String reason) {
    this(key, type, next, channels, template, category, values, skipUsedChannels, duration, untilEvent,
        untilCondition, timeout, onEvent, onTimeout, untilDate, offset, condition, then, otherwise, arms, campaignId,
        asset, amount, couponTemplateId, tags, reason, null);
  }

  private static JourneyStep of(String key, StepType type) {
    return new JourneyStep(key, type, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  public static JourneyStep send(String key, MessageCategory category, String template, Channel... channels) {
    return of(key, StepType.SEND).withMessage(List.of(channels), template, category, null);
  }

  public static JourneyStep phoneTask(String key, MessageCategory category, String template) {
    return of(key, StepType.PHONE_TASK).withMessage(List.of(Channel.PHONE_TASK), template, category, null);
  }

  public static JourneyStep waitFor(String key, String duration) {
    return of(key, StepType.WAIT).withWait(duration, null, null, null, null, null);
  }

  public static JourneyStep waitUntil(String key, String eventType, String timeout, String onEvent,
      String onTimeout) {
    return of(key, StepType.WAIT).withWait(null, eventType, null, timeout, onEvent, onTimeout);
  }

  /**
   * Waits until an outcome is recorded for a phone task of this run (then {@code onOutcome}, else
   * the next step), at most {@code timeout} (then {@code onTimeout}).
   */
  public static JourneyStep waitForPhoneOutcome(String key, String timeout, String onOutcome, String onTimeout) {
    JourneyStep s = of(key, StepType.WAIT).withWait(null, null, null, timeout, onOutcome, onTimeout);
    return new JourneyStep(s.key(), s.type(), null, null, null, null, null, null, null, null, null, s.timeout(),
        s.onEvent(), s.onTimeout(), null, null, null, null, null, null, null, null, null, null, null, null,
        Boolean.TRUE);
  }

  /** Whether this is a wait for a phone task's outcome. */
  public boolean waitsForPhoneOutcome() {
    return Boolean.TRUE.equals(untilPhoneOutcome);
  }

  /** Waits until the trigger event's DATE attribute (10:00 tenant time) plus {@code offset}. */
  public static JourneyStep waitUntilDate(String key, String attribute, String offset) {
    JourneyStep s = of(key, StepType.WAIT);
    return new JourneyStep(s.key(), s.type(), null, null, null, null, null, null, null, null, null, null, null, null, attribute, offset, null, null, null, null, null, null, null, null, null, null);
  }

  public static JourneyStep branch(String key, String condition, String then, String otherwise) {
    return of(key, StepType.BRANCH).withBranch(condition, then, otherwise, null);
  }

  public static JourneyStep split(String key, List<SplitArm> arms) {
    return of(key, StepType.BRANCH).withBranch(null, null, null, List.copyOf(arms));
  }

  public static JourneyStep grant(String key, long campaignId, Asset asset, long amount, Long couponTemplateId) {
    return of(key, StepType.GRANT).withGrant(campaignId, asset, amount, couponTemplateId);
  }

  public static JourneyStep tag(String key, String... tags) {
    return of(key, StepType.TAG).withTagsAndReason(List.of(tags), null);
  }

  public static JourneyStep exit(String key, String reason) {
    return of(key, StepType.EXIT).withTagsAndReason(null, reason);
  }

  public JourneyStep withNext(String next) {
    return new JourneyStep(key, type, next, channels, template, category, values, skipUsedChannels, duration, untilEvent, untilCondition, timeout, onEvent, onTimeout, untilDate, offset, condition, then, otherwise, arms, campaignId, asset, amount, couponTemplateId, tags, reason, untilPhoneOutcome);
  }

  public JourneyStep withValues(Map<String, Object> values) {
    return new JourneyStep(key, type, next, channels, template, category, values, skipUsedChannels, duration, untilEvent, untilCondition, timeout, onEvent, onTimeout, untilDate, offset, condition, then, otherwise, arms, campaignId, asset, amount, couponTemplateId, tags, reason, untilPhoneOutcome);
  }

  public JourneyStep withMessage(List<Channel> channels, String template, MessageCategory category,
      Map<String, Object> values) {
    return new JourneyStep(key, type, next, channels, template, category, values, skipUsedChannels, duration, untilEvent, untilCondition, timeout, onEvent, onTimeout, untilDate, offset, condition, then, otherwise, arms, campaignId, asset, amount, couponTemplateId, tags, reason, untilPhoneOutcome);
  }

  public JourneyStep skippingUsedChannels() {
    return new JourneyStep(key, type, next, channels, template, category, values, Boolean.TRUE, duration, untilEvent, untilCondition, timeout, onEvent, onTimeout, untilDate, offset, condition, then, otherwise, arms, campaignId, asset, amount, couponTemplateId, tags, reason, untilPhoneOutcome);
  }

  public JourneyStep withWait(String duration, String untilEvent, String untilCondition, String timeout,
      String onEvent, String onTimeout) {
    return new JourneyStep(key, type, next, channels, template, category, values, skipUsedChannels, duration, untilEvent, untilCondition, timeout, onEvent, onTimeout, untilDate, offset, condition, then, otherwise, arms, campaignId, asset, amount, couponTemplateId, tags, reason, untilPhoneOutcome);
  }

  public JourneyStep withUntilCondition(String untilCondition) {
    return new JourneyStep(key, type, next, channels, template, category, values, skipUsedChannels, duration, untilEvent, untilCondition, timeout, onEvent, onTimeout, untilDate, offset, condition, then, otherwise, arms, campaignId, asset, amount, couponTemplateId, tags, reason, untilPhoneOutcome);
  }

  private JourneyStep withBranch(String condition, String then, String otherwise, List<SplitArm> arms) {
    return new JourneyStep(key, type, next, channels, template, category, values, skipUsedChannels, duration, untilEvent, untilCondition, timeout, onEvent, onTimeout, untilDate, offset, condition, then, otherwise, arms, campaignId, asset, amount, couponTemplateId, tags, reason, untilPhoneOutcome);
  }

  private JourneyStep withGrant(Long campaignId, Asset asset, Long amount, Long couponTemplateId) {
    return new JourneyStep(key, type, next, channels, template, category, values, skipUsedChannels, duration, untilEvent, untilCondition, timeout, onEvent, onTimeout, untilDate, offset, condition, then, otherwise, arms, campaignId, asset, amount, couponTemplateId, tags, reason, untilPhoneOutcome);
  }

  private JourneyStep withTagsAndReason(List<String> tags, String reason) {
    return new JourneyStep(key, type, next, channels, template, category, values, skipUsedChannels, duration, untilEvent, untilCondition, timeout, onEvent, onTimeout, untilDate, offset, condition, then, otherwise, arms, campaignId, asset, amount, couponTemplateId, tags, reason, untilPhoneOutcome);
  }

  /** Every step key this step names as a target (not the implicit next one). */
  public List<String> targets() {
    List<String> out = new ArrayList<>();
    Stream.of(next, onEvent, onTimeout, then, otherwise).filter(Objects::nonNull).forEach(out::add);
    if (arms != null) {
      arms.stream().map(SplitArm::next).filter(Objects::nonNull).forEach(out::add);
    }
    return out;
  }
}
