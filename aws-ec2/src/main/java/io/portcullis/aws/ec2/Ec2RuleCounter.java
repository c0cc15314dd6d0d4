package io.portcullis.aws.ec2;

import io.portcullis.core.CidrBlock;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.analysis.ProviderRuleCounter;
import io.portcullis.core.analysis.QuotaScope;
import java.util.Collection;

/**
 * Counts EC2 security-group rules the way EC2 does against its quota: one per CIDR, prefix list or group
 * reference and contiguous port range, so a neutral rule counts as its number of port ranges (one for all
 * ports, ICMP or protocol {@code any}), and rules that become the same EC2 rule count once.
 *
 * <p>EC2 limits each direction and IP family separately, and a rule that refers to a security group or a
 * prefix list carries no family: it counts against the IPv4 and the IPv6 limit alike.
 */
public final class Ec2RuleCounter implements ProviderRuleCounter {
  /** A counter; it keeps no state. */
  public Ec2RuleCounter() {}

  @Override
  public String provider() {
    return Ec2Capabilities.PROVIDER;
  }

  @Override
  public int count(Collection<SecurityRule> rules) {
    return (int) rules.stream().flatMap(r -> Ec2RuleTranslator.wireRules(r).stream()).distinct().count();
  }

  /** A group or prefix-list rule counts in both IP families of its direction; a CIDR rule in its own. */
  @Override
  public boolean countsIn(QuotaScope scope, SecurityRule rule) {
    if (rule.remote() instanceof CidrBlock) {
      return scope.includes(rule);
    }
    return scope.direction().map(d -> d == rule.direction()).orElse(true);
  }
}
