package dev.flywheel.fission;

import dev.flywheel.ledger.Asset;
import dev.flywheel.platform.web.FieldIssue;
import java.util.ArrayList;
import java.util.List;

/** Field checks of an activity draft (after defaults are applied). */
final class DraftChecks {
  static final int MAX_POSTER_BYTES = 2 * 1024 * 1024;

  private DraftChecks() {}

  static List<FieldIssue> check(ActivityDraft d) {
    List<FieldIssue> issues = new ArrayList<>();
    if (d.name() == null || d.name().isBlank() || d.name().length() > 200) {
      issues.add(new FieldIssue("name", "required", "1..200 characters"));
    }
    if (d.startsAt() == null) {
      issues.add(new FieldIssue("starts_at", "required", "an ISO-8601 instant"));
    }
    if (d.endsAt() == null) {
      issues.add(new FieldIssue("ends_at", "required", "an ISO-8601 instant"));
    } else if (d.startsAt() != null && !d.endsAt().isAfter(d.startsAt())) {
      issues.add(new FieldIssue("ends_at", "before-start", "must be after starts_at"));
    }
    if (d.helpersNeeded() == null || d.helpersNeeded() < 1 || d.helpersNeeded() > 100) {
      issues.add(new FieldIssue("helpers_needed", "out-of-range", "1..100"));
    }
    if (d.rewardAsset() == null) {
      issues.add(new FieldIssue("reward.asset", "required", "POINTS, CASH_BACK, COUPON or LOTTERY_CHANCE"));
    } else if ((d.rewardAsset() == Asset.COUPON) != (d.rewardCouponTemplate() != null)) {
      issues.add(new FieldIssue("reward.coupon_template_id", "coupon-template",
          "required for a COUPON reward and only for it"));
    }
    if (d.rewardAmount() == null || d.rewardAmount() <= 0
        || d.rewardAsset() == Asset.COUPON && d.rewardAmount() > 100) {
      issues.add(new FieldIssue("reward.amount", "out-of-range", "positive (at most 100 coupons)"));
    }
    if (d.maxRewards() == null || d.maxRewards() < 1 || d.maxRewards() > 1_000_000) {
      issues.add(new FieldIssue("reward.max_rewards", "out-of-range", "1..1000000"));
    }
    if (d.poster() != null && (d.poster().length > MAX_POSTER_BYTES || !image(d.posterType())
        || !dev.flywheel.fission.poster.Posters.readable(d.poster()))) {
      issues.add(new FieldIssue("poster", "invalid-poster", "a PNG or JPEG of at most 2 MB"));
    }
    Activity.QrArea qr = d.qrArea();
    if (qr != null && (qr.x() < 0 || qr.y() < 0 || qr.size() < 64 || qr.size() > 2000)) {
      issues.add(new FieldIssue("qr_area", "out-of-range", "x, y >= 0 and size 64..2000 px"));
    }
    if (d.inviteTtlSeconds() != null && (d.inviteTtlSeconds() < 60 || d.inviteTtlSeconds() > 2_592_000)) {
      issues.add(new FieldIssue("invite_ttl_seconds", "out-of-range", "60..2592000"));
    }
    if (d.deviceFlagThreshold() != null && d.deviceFlagThreshold() < 1) {
      issues.add(new FieldIssue("device_flag_threshold", "out-of-range", "at least 1"));
    }
    if (d.remindBeforeMinutes() != null && (d.remindBeforeMinutes() < 0 || d.remindBeforeMinutes() > 10080)) {
      issues.add(new FieldIssue("remind_before_minutes", "out-of-range", "0..10080"));
    }
    return issues;
  }

  private static boolean image(String type) {
    return "image/png".equals(type) || "image/jpeg".equals(type);
  }
}
