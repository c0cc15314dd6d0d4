package io.portcullis.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The checks every tag map of the model passes, on rules and on groups: keys of 1-255 characters, not blank,
 * values of 0-255 characters, neither with control characters. Providers add their own limits.
 */
public final class Tags {
  /** The longest key or value. */
  public static final int MAX_LENGTH = 255;

  private Tags() {}

  /** Adds a {@link Violation} (field {@code tag key} or {@code tag value}) for each bad key or value. */
  public static void check(List<Violation> violations, Map<String, String> tags) {
    if (tags.isEmpty()) {
      return; // every rule is checked: no iterator, no lambda bootstrap on a first parse
    }
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      String k = tag.getKey();
      String v = tag.getValue();
      if (k.isBlank() || k.length() > MAX_LENGTH || RuleValidator.hasControlCharacter(k)) {
        violations.add(Violation.of("tag key", k, "1-255 characters, no control characters, not blank"));
      }
      if (v.length() > MAX_LENGTH || RuleValidator.hasControlCharacter(v)) {
        violations.add(Violation.of("tag value", v, "0-255 characters, no control characters"));
      }
    }
  }

  /**
   * The tags of a provider's reply as a map, a missing value read as empty.
   *
   * @param field the reply's field holding the tags, for the error
   * @throws ProviderReplyException if a tag is null or has no key: such a reply cannot be trusted
   */
  public static <T> Map<String, String> fromReply(String provider, String operation, String field,
      List<T> tags, Function<T, String> key, Function<T, String> value) {
    Map<String, String> map = new LinkedHashMap<>();
    if (tags == null) {
      return map;
    }
    for (T tag : tags) {
      String k = tag == null ? null : key.apply(tag);
      if (k == null) {
        throw new ProviderReplyException(provider, operation, field, "a tag without a key", Optional.empty());
      }
      String v = value.apply(tag);
      map.put(k, v == null ? "" : v);
    }
    return map;
  }
}
