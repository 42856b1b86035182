package dev.flywheel.review.web;

import dev.flywheel.platform.tenancy.CurrentTenant;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import dev.flywheel.review.CampaignReview;
import dev.flywheel.review.CampaignReviews;
import dev.flywheel.review.ReviewMarkdown;
import dev.flywheel.review.ReviewSections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** GRAI reviews of ended campaigns over the API. See docs/api/review.md. */
@RestController
class ReviewController {
  private static final MediaType MARKDOWN = MediaType.parseMediaType("text/markdown;charset=UTF-8");
  private final CurrentTenant tenant;
  private final CampaignReviews reviews;

  ReviewController(CurrentTenant tenant, CampaignReviews reviews) {
    this.tenant = tenant;
    this.reviews = reviews;
  }

  @GetMapping("/api/v1/campaigns/{id}/review")
  CampaignReview review(@PathVariable long id) {
    return reviews.review(tenant.id(), id);
  }

  @PutMapping("/api/v1/campaigns/{id}/review")
  CampaignReview save(@PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
    return reviews.save(tenant.id(), id, sections(body), tenant.actor());
  }

  @GetMapping("/api/v1/campaigns/{id}/review.md")
  ResponseEntity<String> markdown(@PathVariable long id) {
    return ResponseEntity.ok().contentType(MARKDOWN).body(ReviewMarkdown.of(reviews.review(tenant.id(), id)));
  }

  @GetMapping("/api/v1/campaigns/{id}/review/versions")
  Map<String, Object> versions(@PathVariable long id) {
    reviews.review(tenant.id(), id);
    return Map.of("versions", reviews.versions(tenant.id(), id).stream().map(v -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("version", v.version());
      m.put("written_by", v.writtenBy());
      m.put("written_at", v.writtenAt().toString());
      m.put("sections", v.sections());
      return m;
    }).toList());
  }

  static ReviewSections sections(Map<String, Object> body) {
    Map<String, Object> b = body == null ? Map.of() : body;
    return new ReviewSections(count(b, "reach_target"), count(b, "participant_target"), count(b, "conversion_target"),
        count(b, "reached"), count(b, "conversions"), count(b, "value_per_conversion"), text(b, "conversion_event"), count(b, "points_per_yuan"), text(b, "analysis"),
        text(b, "insights"));
  }

  private static Long count(Map<String, Object> b, String field) {
    Object v = b.get(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n) || n.longValue() != n.doubleValue() || n.longValue() < 0) {
      throw Problem.invalid("invalid-request", field + " is not a count",
          List.of(new FieldIssue(field, "invalid", "a whole number of at least 0")));
    }
    return n.longValue();
  }

  private static String text(Map<String, Object> b, String field) {
    Object v = b.get(field);
    if (v != null && !(v instanceof String)) {
      throw Problem.invalid("invalid-request", field + " is not a text",
          List.of(new FieldIssue(field, "invalid", "a text")));
    }
    return (String) v;
  }
}
