package dev.flywheel.fission.web;

import dev.flywheel.fission.Activity;
import dev.flywheel.fission.ActivityDraft;
import dev.flywheel.fission.ActivityResult;
import dev.flywheel.fission.HelpOutcome;
import dev.flywheel.fission.RedeemOutcome;
import dev.flywheel.fission.Task;
import dev.flywheel.ledger.Asset;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** JSON in and out for the fission endpoints (snake_case maps, problem details for refusals). */
final class FissionJson {
  private FissionJson() {}

  static HttpStatus status(String code) {
    return switch (code) {
      case "not-found" -> HttpStatus.NOT_FOUND;
      case "validation-failed" -> HttpStatus.UNPROCESSABLE_CONTENT;
      case "invalid-invite", "helper-not-new" -> HttpStatus.FORBIDDEN;
      case "invite-expired" -> HttpStatus.GONE;
      default -> HttpStatus.CONFLICT;
    };
  }

  static Problem problem(String code, String detail) {
    return new Problem(status(code), code, detail, List.of());
  }

  static Activity done(ActivityResult result) {
    return switch (result) {
      case ActivityResult.Done d -> d.activity();
      case ActivityResult.Refused r -> throw new Problem(status(r.code()), r.code(), r.detail(), r.fields());
    };
  }

  static ActivityDraft draft(Map<String, Object> b) {
    Map<String, Object> body = b == null ? Map.of() : b;
    List<FieldIssue> issues = new ArrayList<>();
    Map<String, Object> reward = map(body.get("reward"));
    Map<String, Object> qr = map(body.get("qr_area"));
    Asset asset = null;
    if (reward.get("asset") != null) {
      try {
        asset = Asset.valueOf(String.valueOf(reward.get("asset")));
      } catch (IllegalArgumentException e) {
        issues.add(new FieldIssue("reward.asset", "unknown-asset", "POINTS, CASH_BACK, COUPON or LOTTERY_CHANCE"));
      }
    }
    byte[] poster = null;
    if (body.get("poster_base64") instanceof String s && !s.isBlank()) {
      try {
        poster = Base64.getDecoder().decode(s);
      } catch (IllegalArgumentException e) {
        issues.add(new FieldIssue("poster_base64", "invalid-base64", "base64 of a PNG or JPEG"));
      }
    }
    List<Activity.Acquirer> acquirers = new ArrayList<>();
    if (body.get("acquirers") instanceof List<?> list) {
      for (Object o : list) {
        Map<String, Object> a = map(o);
        Long user = whole(a.get("user_id"), "acquirers.user_id", issues);
        if (user != null) {
          acquirers.add(new Activity.Acquirer(user, text(a, "welcome")));
        }
      }
    }
    ActivityDraft draft = new ActivityDraft(text(body, "name"), text(body, "rules"),
        instant(body, "starts_at", issues), instant(body, "ends_at", issues),
        integer(body.get("helpers_needed"), "helpers_needed", issues), bool(body.get("new_customers_only")),
        bool(body.get("one_task_per_helper")), asset, whole(reward.get("amount"), "reward.amount", issues),
        whole(reward.get("coupon_template_id"), "reward.coupon_template_id", issues),
        whole(reward.get("catalog_item_id"), "reward.catalog_item_id", issues),
        integer(reward.get("max_rewards"), "reward.max_rewards", issues), poster, text(body, "poster_type"),
        qr.isEmpty() ? null : new Activity.QrArea(integerOr(qr.get("x"), 0), integerOr(qr.get("y"), 0),
            integerOr(qr.get("size"), 200)),
        text(body, "employee_script"), text(body, "customer_script"), text(body, "employee_org_unit"),
        body.get("recommend_tags") instanceof List<?> tags ? tags.stream().map(String::valueOf).toList() : List.of(),
        whole(body.get("recommend_segment_id"), "recommend_segment_id", issues),
        integer(body.get("remind_before_minutes"), "remind_before_minutes", issues),
        strategy(body.get("live_code_strategy"), issues),
        integer(body.get("invite_ttl_seconds"), "invite_ttl_seconds", issues),
        integer(body.get("device_flag_threshold"), "device_flag_threshold", issues), acquirers);
    if (!issues.isEmpty()) {
      throw Problem.invalid("validation-failed", "The activity has invalid fields", issues);
    }
    return draft;
  }

  static Map<String, Object> activity(Activity a) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", a.id());
    json.put("name", a.name());
    json.put("rules", a.rules());
    json.put("starts_at", a.startsAt().toString());
    json.put("ends_at", a.endsAt().toString());
    json.put("helpers_needed", a.helpersNeeded());
    json.put("new_customers_only", a.newCustomersOnly());
    json.put("one_task_per_helper", a.oneTaskPerHelper());
    Map<String, Object> reward = new LinkedHashMap<>();
    reward.put("asset", a.rewardAsset().name());
    reward.put("amount", a.rewardAmount());
    reward.put("coupon_template_id", a.rewardCouponTemplate());
    reward.put("catalog_item_id", a.rewardCatalogItem());
    reward.put("max_rewards", a.maxRewards());
    json.put("reward", reward);
    json.put("has_poster", a.hasPoster());
    json.put("qr_area", Map.of("x", a.qrArea().x(), "y", a.qrArea().y(), "size", a.qrArea().size()));
    json.put("employee_script", a.employeeScript());
    json.put("customer_script", a.customerScript());
    json.put("employee_org_unit", a.employeeOrgUnit());
    json.put("recommend_tags", a.recommendTags());
    json.put("recommend_segment_id", a.recommendSegmentId());
    json.put("remind_before_minutes", a.remindBeforeMinutes());
    json.put("live_code_strategy", a.liveCodeStrategy().name());
    json.put("acquirers", a.acquirers().stream().map(q -> Map.of("user_id", q.userId(), "welcome", q.welcome())).toList());
    json.put("invite_ttl_seconds", a.inviteTtlSeconds());
    json.put("device_flag_threshold", a.deviceFlagThreshold());
    return json;
  }

  static Map<String, Object> task(Task t) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", t.id());
    json.put("activity_id", t.activityId());
    json.put("customer_id", t.customerId());
    json.put("employee_id", t.employeeId());
    json.put("helps", t.helps());
    json.put("helpers_needed", t.helpersNeeded());
    json.put("complete", t.complete());
    json.put("started_at", t.startedAt().toString());
    json.put("completed_at", str(t.completedAt()));
    json.put("redeemed_at", str(t.redeemedAt()));
    json.put("grant_id", t.grantId());
    return json;
  }

  static Map<String, Object> help(HelpOutcome outcome) {
    return switch (outcome) {
      case HelpOutcome.Counted c -> Map.of("status", "COUNTED", "task_id", c.taskId(), "helps", c.helps(),
          "helpers_needed", c.needed());
      case HelpOutcome.Held h -> Map.of("status", "HELD", "task_id", h.taskId(), "flags", h.flags());
      case HelpOutcome.Refused r -> throw problem(r.code(), r.detail());
    };
  }

  static Map<String, Object> redeemed(RedeemOutcome outcome) {
    return switch (outcome) {
      case RedeemOutcome.Redeemed r -> {
        Map<String, Object> json = task(r.task());
        json.put("replayed", r.replayed());
        yield json;
      }
      case RedeemOutcome.Refused r -> throw problem(r.code(), r.detail());
    };
  }

  static String str(Instant i) {
    return i == null ? null : i.toString();
  }

  static String text(Map<String, Object> b, String field) {
    Object v = b == null ? null : b.get(field);
    return v == null ? null : String.valueOf(v);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static Boolean bool(Object o) {
    return o instanceof Boolean b ? b : null;
  }

  private static Activity.LiveCodeStrategy strategy(Object o, List<FieldIssue> issues) {
    if (o == null) {
      return null;
    }
    try {
      return Activity.LiveCodeStrategy.valueOf(String.valueOf(o));
    } catch (IllegalArgumentException e) {
      issues.add(new FieldIssue("live_code_strategy", "unknown", "ROUND_ROBIN or LEAST_LOADED"));
      return null;
    }
  }

  private static Long whole(Object o, String field, List<FieldIssue> issues) {
    if (o == null) {
      return null;
    }
    if (o instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.longValue();
    }
    issues.add(new FieldIssue(field, "not-a-whole-number", "a whole number"));
    return null;
  }

  private static Integer integer(Object o, String field, List<FieldIssue> issues) {
    Long v = whole(o, field, issues);
    if (v != null && (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE)) {
      issues.add(new FieldIssue(field, "out-of-range", "too large"));
      return null;
    }
    return v == null ? null : v.intValue();
  }

  private static int integerOr(Object o, int absent) {
    return o instanceof Number n ? n.intValue() : absent;
  }

  private static Instant instant(Map<String, Object> b, String field, List<FieldIssue> issues) {
    Object v = b.get(field);
    if (v == null) {
      return null;
    }
    try {
      return Instant.parse(String.valueOf(v));
    } catch (java.time.format.DateTimeParseException e) {
      issues.add(new FieldIssue(field, "invalid-instant", "an ISO-8601 instant"));
      return null;
    }
  }
}
