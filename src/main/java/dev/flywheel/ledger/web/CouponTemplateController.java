package dev.flywheel.ledger.web;

import dev.flywheel.ledger.CouponTemplate;
import dev.flywheel.ledger.Coupons;
import dev.flywheel.platform.tenancy.CurrentTenant;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Coupon templates that campaigns grant from (rate coupons, old-user coupons, newbie packs):
 * {@code {"name", "face_value", "min_spend"?, "valid_from"?, "valid_to"?, "valid_days"?}}, money in fen,
 * times ISO-8601 with an offset; at least one of {@code valid_to} and {@code valid_days}.
 */
@RestController
class CouponTemplateController {
  private final CurrentTenant tenant;
  private final Coupons coupons;

  CouponTemplateController(CurrentTenant tenant, Coupons coupons) {
    this.tenant = tenant;
    this.coupons = coupons;
  }

  @GetMapping("/api/v1/coupon-templates")
  Map<String, Object> list() {
    return Map.of("templates", coupons.templates(tenant.id()).stream().map(CouponTemplateController::json).toList());
  }

  @PostMapping("/api/v1/coupon-templates")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> define(@RequestBody(required = false) Map<String, Object> body) {
    String name = Bodies.text(body, "name", 100);
    long faceValue = Bodies.number(body, "face_value", 1, 100_000_000_00L);
    Long minSpend = Bodies.optionalNumber(body, "min_spend", 0, Long.MAX_VALUE);
    Long validDays = Bodies.optionalNumber(body, "valid_days", 1, 3_650);
    Instant validFrom = instant(body, "valid_from");
    Instant validTo = instant(body, "valid_to");
    if (validTo == null && validDays == null) {
      throw Problem.invalid("invalid-request", "A coupon template needs an end",
          List.of(new FieldIssue("valid_to", "required", "give valid_to, valid_days or both")));
    }
    if (validFrom != null && validTo != null && !validFrom.isBefore(validTo)) {
      throw Problem.invalid("invalid-request", "The validity window is empty",
          List.of(new FieldIssue("valid_to", "invalid", "must be after valid_from")));
    }
    return json(coupons.define(tenant.id(), name, faceValue, minSpend == null ? 0 : minSpend, validFrom, validTo,
        validDays == null ? null : validDays.intValue()));
  }

  private static Instant instant(Map<String, Object> body, String field) {
    Object value = body == null ? null : body.get(field);
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(String.valueOf(value)).toInstant();
    } catch (DateTimeParseException e) {
      throw Bodies.invalid(field, "an ISO-8601 time with an offset");
    }
  }

  static Map<String, Object> json(CouponTemplate t) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", t.id());
    out.put("name", t.name());
    out.put("face_value", t.faceValue());
    out.put("min_spend", t.minSpend());
    out.put("valid_from", t.validFrom());
    out.put("valid_to", t.validTo());
    out.put("valid_days", t.validDays());
    return out;
  }
}
