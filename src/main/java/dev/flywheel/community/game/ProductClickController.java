package dev.flywheel.community.game;

import dev.flywheel.platform.web.Problem;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /c/{token}}: a member clicked a link in a game's product post. Public: the token's
 * HMAC is the proof. Records the click and redirects (302); a tampered or unknown token gets a 404
 * problem and records nothing.
 */
@RestController
class ProductClickController {
  private final ProductLinks links;

  ProductClickController(ProductLinks links) {
    this.links = links;
  }

  @GetMapping("/c/{token}")
  @Transactional
  ResponseEntity<Void> click(@PathVariable String token) {
    String url = links.click(token).orElseThrow(() -> new Problem(HttpStatus.NOT_FOUND, "unknown-link",
        "This link is not valid", List.of()));
    return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(url)).build();
  }
}
