package io.portcullis.core.plan;

import static java.util.Objects.requireNonNull;

import io.portcullis.core.OpaqueRule;
import java.util.Locale;
import java.util.Optional;

/**
 * What applying a plan did to a rule the neutral model cannot represent, which an authoritative plan deletes by
 * id.
 *
 * @param rule the rule as read
 * @param status what happened to its delete
 * @param detail why it failed or was not attempted, where it was not applied
 */
public record OpaqueOutcome(OpaqueRule rule, RuleOutcome.Status status, Optional<String> detail) {
  /** Checks that no component is null. */
  public OpaqueOutcome {
    requireNonNull(rule, "rule");
    requireNonNull(status, "status");
    requireNonNull(detail, "detail");
  }

  /** {@code applied delete sgr-1: [not representable] ...}. */
  @Override
  public String toString() {
    return status.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " delete " + rule
        + detail.map(d -> ": " + d).orElse("");
  }
}
