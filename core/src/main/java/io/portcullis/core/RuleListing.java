package io.portcullis.core;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A group's rules as read from a provider: those the neutral model represents, and those it cannot, as {@link
 * OpaqueRule}s (each also logged as a warning when read).
 *
 * @param rules the representable rules
 * @param opaque the rules the model cannot represent
 */
public record RuleListing(List<ProvisionedRule> rules, List<OpaqueRule> opaque) {
  /** Copies both lists. */
  public RuleListing {
    rules = List.copyOf(requireNonNull(rules, "rules"));
    opaque = List.copyOf(requireNonNull(opaque, "opaque"));
  }

  /** A listing in which every rule is representable. */
  public static RuleListing of(List<ProvisionedRule> rules) {
    return new RuleListing(rules, List.of());
  }
}
