package dev.flywheel.reach.delivery.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkTokensTest {
  private static final byte[] KEY = "a tenant's link key, 32 bytes!!!".getBytes(StandardCharsets.UTF_8);
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  @Test
  void aTokenNamesItsMessageAndLink() {
    var parsed = LinkTokens.parse(LinkTokens.token(KEY, 123_456_789L, 3)).orElseThrow();
    assertThat(parsed.messageId()).isEqualTo(123_456_789L);
    assertThat(parsed.index()).isEqualTo(3);
    assertThat(parsed.signedWith(KEY)).isTrue();
    assertThat(parsed.signedWith("another key".getBytes(StandardCharsets.UTF_8))).isFalse();
  }

  @Test
  void noSingleCharacterChangeIsAcceptedIncludingTheLastCharactersUnusedBits() {
    List<String> accepted = new ArrayList<>();
    for (long message = 1; message <= 300; message++) {
      String token = LinkTokens.token(KEY, message, (int) (message % 4));
      for (int at = 0; at < token.length(); at++) {
        for (char c : ALPHABET.toCharArray()) {
          if (c == token.charAt(at)) {
            continue;
          }
          String changed = token.substring(0, at) + c + token.substring(at + 1);
          if (LinkTokens.parse(changed).filter(p -> p.signedWith(KEY)).isPresent()) {
            accepted.add(token + " -> " + changed);
          }
        }
      }
    }
    assertThat(accepted).isEmpty();
  }
}
