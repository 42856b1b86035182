package dev.flywheel.review.web;

import dev.flywheel.platform.tenancy.CurrentTenant;
import dev.flywheel.review.JourneyReachMarkdown;
import dev.flywheel.review.JourneyReachReview;
import dev.flywheel.review.JourneyReachReviews;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Weekly reach reviews of journeys over the API. See docs/api/review.md. */
@RestController
class JourneyReachController {
  private static final MediaType MARKDOWN = MediaType.parseMediaType("text/markdown;charset=UTF-8");
  private final CurrentTenant tenant;
  private final JourneyReachReviews reviews;

  JourneyReachController(CurrentTenant tenant, JourneyReachReviews reviews) {
    this.tenant = tenant;
    this.reviews = reviews;
  }

  @GetMapping("/api/v1/journeys/{id}/weekly-review")
  JourneyReachReview review(@PathVariable long id) {
    return reviews.review(tenant.id(), id);
  }

  @GetMapping("/api/v1/journeys/{id}/weekly-review.md")
  ResponseEntity<String> markdown(@PathVariable long id) {
    return ResponseEntity.ok().contentType(MARKDOWN).body(JourneyReachMarkdown.of(reviews.review(tenant.id(), id)));
  }
}
