package dev.flywheel.reach.delivery.tracking;

import dev.flywheel.platform.web.Problem;
import dev.flywheel.reach.MessageStatus;
import dev.flywheel.reach.delivery.send.StatusMoves;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /r/{token}.gif}: the open pixel of an HTML e-mail was loaded. Public like tracked
 * links (the token's HMAC is the proof). The first load stamps {@code opened_at} and moves the
 * message to OPENED (one history row, one {@code MessageStatusChanged}); later loads record
 * nothing. No customer event is ingested: {@code message_open} is not a built-in event type of the
 * event module (the click is, as {@code message_click}). Every load answers a transparent 1×1 GIF that is not cached. A tampered or unknown token gets a
 * 404 problem and records nothing.
 */
@RestController
class OpenController {
  private static final byte[] GIF = Base64.getDecoder()
      .decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
  private final OpenPixel pixel;
  private final StatusMoves moves;
  private final Clock clock;

  OpenController(OpenPixel pixel, StatusMoves moves, Clock clock) {
    this.pixel = pixel;
    this.moves = moves;
    this.clock = clock;
  }

  @GetMapping("/r/{token}.gif")
  @Transactional
  ResponseEntity<byte[]> open(@PathVariable String token) {
    OpenPixel.Opened opened = pixel.resolve(token)
        .orElseThrow(() -> new Problem(HttpStatus.NOT_FOUND, "unknown-link", "This link is not valid", List.of()));
    Instant now = clock.instant();
    if (pixel.firstOpen(opened, now)) {
      moves.move(opened.tenantId(), opened.messageId(), MessageStatus.OPENED, null, now);
    }
    return ResponseEntity.ok().contentType(MediaType.IMAGE_GIF).cacheControl(CacheControl.noStore()).body(GIF);
  }
}
