package io.portcullis.core;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A rule a provider holds that the neutral model cannot represent (a protocol, port or description it does not
 * accept, a field missing from the reply, ...). Reading a group never fails because of one such rule: it is
 * returned as this opaque entry, with the provider's id, its raw form and why it is not representable, so that a
 * plan can keep it or delete it by id, but never reinterprets it.
 *
 * @param providerId the provider's id for the rule (for ElastiCache, {@code <ownerId>/<groupName>})
 * @param direction the rule's direction, where the reply says it
 * @param raw the rule as the provider reported it, on one line
 * @param reason why the neutral model cannot represent it
 */
public record OpaqueRule(String providerId, Optional<Direction> direction, String raw, String reason) {
  /** Checks that nothing is null and puts the raw form and the reason on one line each (they go to logs). */
  public OpaqueRule {
    requireNonNull(providerId, "providerId");
    requireNonNull(direction, "direction");
    requireNonNull(raw, "raw");
    requireNonNull(reason, "reason");
    raw = oneLine(raw);
    reason = oneLine(reason);
  }

  private static String oneLine(String s) {
    return s.replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
  }

  /** The warning given when the rule is read. */
  public String warning() {
    return "rule " + providerId + " cannot be represented in the neutral model (" + reason
        + "); it is kept as an opaque entry: " + raw;
  }

  /** {@code sgr-1: [not representable] raw}. */
  @Override
  public String toString() {
    return providerId + ": [not representable] " + raw;
  }
}
