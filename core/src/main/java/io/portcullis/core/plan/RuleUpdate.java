package io.portcullis.core.plan;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.ProvisionedRule;
import io.portcullis.core.SecurityRule;

/**
 * A rule whose meaning is already in place but whose description differs: only the description changes.
 *
 * @param current the rule at the provider
 * @param desired the desired rule (same meaning, other description)
 */
public record RuleUpdate(ProvisionedRule current, SecurityRule desired) {
  /** Checks that no component is null and that only the description differs. */
  public RuleUpdate {
    requireNonNull(current, "current");
    requireNonNull(desired, "desired");
    if (!current.rule().withoutDescription().equals(desired.withoutDescription())) {
      throw new IllegalArgumentException("an update changes only the description: " + current + " -> " + desired);
    }
  }
}
