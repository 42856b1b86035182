package dev.flywheel.lottery.web;

import dev.flywheel.lottery.Draw;
import dev.flywheel.lottery.DrawOutcome;
import dev.flywheel.lottery.Fulfilment;
import dev.flywheel.lottery.Guarantee;
import dev.flywheel.lottery.Lottery;
import dev.flywheel.lottery.LotteryDraft;
import dev.flywheel.lottery.LotteryResult;
import dev.flywheel.lottery.Prize;
import dev.flywheel.lottery.PrizeKind;
import dev.flywheel.lottery.PrizeSpec;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** Lottery JSON in and out (snake_case), and refusals as problem details. */
final class LotteryJson {
  private LotteryJson() {}

  static LotteryDraft draft(Map<String, Object> body) {
    Map<String, Object> b = body == null ? Map.of() : body;
    List<FieldIssue> issues = new ArrayList<>();
    Instant starts = instant(b, "starts_at", issues);
    Instant ends = instant(b, "ends_at", issues);
    Guarantee guarantee = null;
    if (b.get("guarantee") instanceof Map<?, ?> g) {
      guarantee = new Guarantee((int) whole(g.get("tier"), "guarantee.tier", 0, issues),
          (int) whole(g.get("draws"), "guarantee.draws", 0, issues));
    } else if (b.get("guarantee") != null) {
      issues.add(new FieldIssue("guarantee", "invalid", "an object {tier, draws} or null"));
    }
    List<PrizeSpec> prizes = new ArrayList<>();
    if (b.get("prizes") instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        prizes.add(list.get(i) instanceof Map<?, ?> p ? prize(p, "prizes[" + i + "].", issues) : null);
      }
    }
    if (!issues.isEmpty()) {
      throw Problem.invalid("validation-failed", "The lottery has invalid fields", issues);
    }
    return new LotteryDraft(b.get("name") instanceof String s ? s : null, starts, ends, guarantee, prizes);
  }

  private static PrizeSpec prize(Map<?, ?> p, String at, List<FieldIssue> issues) {
    PrizeKind kind = null;
    try {
      kind = p.get("kind") instanceof String k ? PrizeKind.valueOf(k) : null;
    } catch (IllegalArgumentException e) {
      issues.add(new FieldIssue(at + "kind", "invalid", "one of PHYSICAL, POINTS, CASH, COUPON, THANK_YOU"));
    }
    Long stock = p.get("stock") == null ? null : whole(p.get("stock"), at + "stock", 0, issues);
    Long limit = p.get("per_customer_limit") == null ? null
        : whole(p.get("per_customer_limit"), at + "per_customer_limit", 0, issues);
    Long coupon = p.get("coupon_template_id") == null ? null
        : whole(p.get("coupon_template_id"), at + "coupon_template_id", 0, issues);
    return new PrizeSpec(p.get("name") instanceof String s ? s : null, kind,
        toInt(whole(p.get("weight"), at + "weight", 0, issues)), stock == null ? null : toInt(stock),
        limit == null ? null : toInt(limit), whole(p.get("amount"), at + "amount", 0, issues), coupon,
        whole(p.get("value"), at + "value", 0, issues), toInt(whole(p.get("tier"), at + "tier", 0, issues)));
  }

  private static int toInt(long v) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
  }

  private static long whole(Object value, String field, long absent, List<FieldIssue> issues) {
    if (value == null) {
      return absent;
    }
    if (value instanceof Number n && n.doubleValue() == n.longValue()) {
      return n.longValue();
    }
    issues.add(new FieldIssue(field, "invalid", "a whole number"));
    return absent;
  }

  private static Instant instant(Map<String, Object> b, String field, List<FieldIssue> issues) {
    try {
      return b.get(field) instanceof String s ? Instant.parse(s) : null;
    } catch (DateTimeParseException e) {
      issues.add(new FieldIssue(field, "invalid", "an ISO-8601 instant, e.g. 2026-12-01T00:00:00Z"));
      return null;
    }
  }

  static Lottery done(LotteryResult result) {
    return switch (result) {
      case LotteryResult.Done d -> d.lottery();
      case LotteryResult.Refused r -> throw new Problem(status(r.code()), r.code(), r.detail(), r.fields());
    };
  }

  static HttpStatus status(String code) {
    return switch (code) {
      case "not-found" -> HttpStatus.NOT_FOUND;
      case "validation-failed" -> HttpStatus.UNPROCESSABLE_CONTENT;
      default -> HttpStatus.CONFLICT;
    };
  }

  static Map<String, Object> lottery(Lottery l) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", l.id());
    json.put("name", l.name());
    json.put("status", l.status().name());
    json.put("starts_at", l.startsAt().toString());
    json.put("ends_at", l.endsAt().toString());
    json.put("guarantee", l.guarantee() == null ? null
        : Map.of("tier", l.guarantee().tier(), "draws", l.guarantee().draws()));
    json.put("expected_cost_per_draw", l.expectedCostPerDraw());
    json.put("pool_value", l.poolValue());
    json.put("prizes", l.prizes().stream().map(LotteryJson::prize).toList());
    json.put("created_by", l.createdBy());
    json.put("created_at", l.createdAt().toString());
    json.put("launched_at", l.launchedAt() == null ? null : l.launchedAt().toString());
    return json;
  }

  static Map<String, Object> prize(Prize p) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", p.id());
    json.put("name", p.name());
    json.put("kind", p.kind().name());
    json.put("weight", p.weight());
    json.put("initial_stock", p.initialStock());
    json.put("stock", p.stock());
    json.put("awarded", p.awarded());
    json.put("per_customer_limit", p.perCustomerLimit());
    json.put("amount", p.amount());
    json.put("coupon_template_id", p.couponTemplateId());
    json.put("value", p.value());
    json.put("tier", p.tier());
    return json;
  }

  static Map<String, Object> draw(Draw d) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("draw_id", d.id());
    json.put("lottery_id", d.lotteryId());
    json.put("request_id", d.requestId());
    json.put("customer_id", d.customerId());
    Prize p = d.prize();
    json.put("prize", Map.of("id", p.id(), "name", p.name(), "kind", p.kind().name(), "amount", p.amount(),
        "tier", p.tier()));
    json.put("guaranteed", d.guaranteed());
    json.put("grant_id", d.grantId());
    json.put("fulfilment", d.fulfilment() == null ? null : fulfilment(d.fulfilment()));
    json.put("at", d.at().toString());
    return json;
  }

  static Map<String, Object> fulfilment(Fulfilment f) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", f.id());
    json.put("lottery_id", f.lotteryId());
    json.put("draw_id", f.drawId());
    json.put("customer_id", f.customerId());
    json.put("prize", f.prizeName());
    json.put("status", f.status().name());
    json.put("recipient", f.recipient());
    json.put("phone", f.phone());
    json.put("address", f.address());
    json.put("tracking_no", f.trackingNo());
    json.put("updated_at", f.updatedAt().toString());
    return json;
  }

  /** 201 for a new draw, 200 for a replay; refusals as problem details. */
  static org.springframework.http.ResponseEntity<Map<String, Object>> drawn(DrawOutcome outcome) {
    return switch (outcome) {
      case DrawOutcome.Drawn d -> {
        Map<String, Object> json = draw(d.draw());
        json.put("replayed", d.replayed());
        json.put("chances_left", d.chancesLeft());
        yield org.springframework.http.ResponseEntity.status(d.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
            .body(json);
      }
      case DrawOutcome.Refused r -> throw new Problem(status(r.code()), r.code(), r.detail(), List.of());
    };
  }

  static String requestId(Map<String, Object> body) {
    Object value = body == null ? null : body.get("request_id");
    if (!(value instanceof String s) || !s.matches("[A-Za-z0-9._:-]{1,100}")) {
      throw Problem.invalid("validation-failed", "The request has invalid fields",
          List.of(new FieldIssue("request_id", "invalid", "1 to 100 of A-Z a-z 0-9 . _ : -")));
    }
    return s;
  }

  static String text(Map<String, Object> body, String field) {
    return body != null && body.get(field) instanceof String s ? s : null;
  }
}
