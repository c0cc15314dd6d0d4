package io.portcullis.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The opaque pagination tokens of the fakes ({@code NextToken}, {@code Marker}). A token holds the sort key
 * of the last item returned, so a page continues after it even when items were added or removed meanwhile.
 */
final class PageToken {
  private static final String PREFIX = "after:";

  private PageToken() {}

  /** The token for the page after the item with this key. */
  static String after(String lastKey) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((PREFIX + lastKey).getBytes(StandardCharsets.UTF_8));
  }

  /** The key a token continues after, or empty if it is not a token of the fakes. */
  static Optional<String> lastKey(String token) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      return text.startsWith(PREFIX) ? Optional.of(text.substring(PREFIX.length())) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
