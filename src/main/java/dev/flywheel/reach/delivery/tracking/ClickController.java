package dev.flywheel.reach.delivery.tracking;

import dev.flywheel.event.EventIngestion;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.platform.web.Problem;
import dev.flywheel.reach.MessageStatus;
import dev.flywheel.reach.delivery.send.StatusMoves;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /r/{token}}: a customer clicked a tracked link. Public (no login, no key): the token's
 * HMAC is the proof. Every click is recorded as a {@code message_click} event (event id
 * {@code click-<message>-<link>-<n>}, n counting clicks on that link); the first click moves the
 * message to CLICKED; then 302 to the original address. A tampered or unknown token gets a 404
 * problem and records nothing.
 */
@RestController
class ClickController {
  private final LinkTracker tracker;
  private final EventIngestion events;
  private final StatusMoves moves;
  private final Clock clock;

  ClickController(LinkTracker tracker, EventIngestion events, StatusMoves moves, Clock clock) {
    this.tracker = tracker;
    this.events = events;
    this.moves = moves;
    this.clock = clock;
  }

  @GetMapping("/r/{token}")
  @Transactional
  ResponseEntity<Void> click(@PathVariable String token) {
    LinkTracker.Link link = tracker.resolve(token)
        .orElseThrow(() -> new Problem(HttpStatus.NOT_FOUND, "unknown-link", "This link is not valid",
            java.util.List.of()));
    Instant now = clock.instant();
    int n = tracker.countClick(link);
    events.ingest(link.tenantId(), IncomingEvent.of("click-" + link.messageId() + "-" + link.index() + "-" + n,
        link.customerId(), "message_click", now,
        Map.of("message_id", Long.toString(link.messageId()), "link", link.url())));
    moves.move(link.tenantId(), link.messageId(), MessageStatus.CLICKED, null, now);
    return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(link.url())).build();
  }
}
