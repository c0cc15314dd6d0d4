package io.portcullis.core.plan;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.SecurityRule;
import java.util.Optional;

/**
 * One change of a plan, as adapters carry it out.
 *
 * @param change create, update or delete
 * @param rule the desired rule (create, update) or the rule to delete
 * @param providerId the provider's id of the existing rule (update, delete)
 */
public record PlannedChange(RuleOutcome.Change change, SecurityRule rule, Optional<String> providerId) {
  /** Checks that no component is null. */
  public PlannedChange {
    requireNonNull(change, "change");
    requireNonNull(rule, "rule");
    requireNonNull(providerId, "providerId");
  }
}
