package io.portcullis.core;

import static java.util.Objects.requireNonNull;

/**
 * Something a lenient translation changed in a rule, so the caller can see it.
 *
 * @param rule the rule as given
 * @param message what was dropped or widened, in plain words
 */
public record TranslationWarning(SecurityRule rule, String message) {
  /** Checks that no component is null. */
  public TranslationWarning {
    requireNonNull(rule, "rule");
    requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return "'" + rule + "': " + message;
  }
}
