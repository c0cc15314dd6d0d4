package io.portcullis.core.plan;

import io.portcullis.core.SecurityRule;

/**
 * What a rule means, compared without building it again: equal exactly when the rules are equal without their
 * descriptions ({@link SecurityRule#withoutDescription()}), which would build and validate a copy of each
 * described rule.
 */
final class RuleMeaning {
  private RuleMeaning() {}

  /** A hash equal for rules of the same meaning. */
  static int hash(SecurityRule rule) {
    int h = rule.direction().ordinal();
    h = h * 31 + rule.action().ordinal();
    h = h * 31 + rule.protocol().hashCode();
    h = h * 31 + rule.ports().hashCode();
    h = h * 31 + rule.icmp().hashCode();
    h = h * 31 + rule.remote().hashCode();
    return h * 31 + rule.priority().hashCode();
  }

  /** Whether the two rules are equal but for their descriptions. */
  static boolean same(SecurityRule a, SecurityRule b) {
    return a == b || a.direction() == b.direction() && a.action() == b.action()
        && a.protocol().equals(b.protocol()) && a.ports().equals(b.ports()) && a.icmp().equals(b.icmp())
        && a.remote().equals(b.remote()) && a.priority().equals(b.priority());
  }
}
