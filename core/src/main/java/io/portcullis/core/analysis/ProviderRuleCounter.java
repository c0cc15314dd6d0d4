package io.portcullis.core.analysis;

import io.portcullis.core.SecurityRule;
import java.util.Collection;

/**
 * How many provider rules neutral rules become; each adapter implements it from its own translation. EC2,
 * for instance, counts one rule per CIDR or group and contiguous port range; Huawei Cloud one per rule or
 * per chunk of at most 20 port entries.
 *
 * <p>{@link QuotaChecker} calls {@link #count} once per {@link QuotaScope} of the quota, with only the rules of
 * that scope (those {@link #countsIn} accepts), so an implementation never splits by scope itself. It must be
 * pure and must not fail for a rule that the provider's {@link io.portcullis.core.ProviderCapabilities} accepts.
 */
public interface ProviderRuleCounter {
  /** The adapter's provider name, e.g. {@code aws-ec2}, for messages. */
  String provider();

  /** How many provider rules these neutral rules become when applied to one group. */
  int count(Collection<SecurityRule> rules);

  /**
   * Whether the limit of {@code scope} counts {@code rule}; by default when the rule is of the scope's direction
   * and IP family. A provider overrides it where a rule counts against more limits (EC2 counts a rule that
   * refers to a security group against both IP families), and must for a scope narrowed to a {@linkplain
   * QuotaScope#kind() kind} of its own.
   */
  default boolean countsIn(QuotaScope scope, SecurityRule rule) {
    return scope.includes(rule);
  }
}
