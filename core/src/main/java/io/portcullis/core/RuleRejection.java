package io.portcullis.core;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Why one rule cannot be expressed by a provider.
 *
 * @param rule the rule that was rejected
 * @param reasons each reason, in plain words (at least one)
 */
public record RuleRejection(SecurityRule rule, List<String> reasons) {
  /** Copies the reasons and checks that there is at least one. */
  public RuleRejection {
    requireNonNull(rule, "rule");
    reasons = List.copyOf(reasons);
    if (reasons.isEmpty()) {
      throw new IllegalArgumentException("a rejection needs at least one reason");
    }
  }

  /** {@code 'rule text': reason; reason}. */
  @Override
  public String toString() {
    return "'" + rule + "': " + String.join("; ", reasons);
  }
}
