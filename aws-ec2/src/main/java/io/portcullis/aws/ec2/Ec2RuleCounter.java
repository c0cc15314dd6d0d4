package io.portcullis.aws.ec2;

import io.portcullis.core.CidrBlock;
import io.portcullis.core.InvalidSettingException;
import io.portcullis.core.PrefixListRemote;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.Violation;
import io.portcullis.core.analysis.ProviderRuleCounter;
import io.portcullis.core.analysis.QuotaScope;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * Counts EC2 security-group rules the way EC2 does against its quota: one per CIDR or group reference and
 * contiguous port range, so a neutral rule counts as its number of port ranges (one for all ports, ICMP or
 * protocol {@code any}), and rules that become the same EC2 rule count once. A rule that refers to a prefix
 * list counts as the list's maximum entries (its {@code MaxEntries}, or an AWS-managed list's weight) when
 * that is known ({@link #withPrefixListSizes}, read with {@link Ec2PrefixLists#maxEntries}), and as one
 * otherwise.
 *
 * <p>EC2 limits each direction and IP family separately, and a rule that refers to a security group or a
 * prefix list carries no family: it counts against the IPv4 and the IPv6 limit alike.
 */
public final class Ec2RuleCounter implements ProviderRuleCounter {
  private final Map<String, Integer> prefixListSizes;

  /** A counter that counts every prefix-list reference as one rule. */
  public Ec2RuleCounter() {
    this(Map.of());
  }

  private Ec2RuleCounter(Map<String, Integer> prefixListSizes) {
    this.prefixListSizes = prefixListSizes;
  }

  /**
   * This counter counting a reference to each prefix list of {@code maxEntriesById} as that many rules, as EC2
   * does (the list's {@code MaxEntries}); other lists still count as one.
   *
   * @throws InvalidSettingException naming {@code prefixListSizes[id]} for a size below 1
   */
  public Ec2RuleCounter withPrefixListSizes(Map<String, Integer> maxEntriesById) {
    maxEntriesById.forEach((id, size) -> {
      if (Objects.requireNonNull(size, "size") < 1) {
        throw new InvalidSettingException(Violation.of("prefixListSizes[" + id + "]", size.toString(),
            "1 or more (the prefix list's maximum entries)"));
      }
    });
    return new Ec2RuleCounter(Map.copyOf(maxEntriesById));
  }

  /** The maximum entries given for each prefix list. */
  public Map<String, Integer> prefixListSizes() {
    return prefixListSizes;
  }

  @Override
  public String provider() {
    return Ec2Capabilities.PROVIDER;
  }

  @Override
  public int count(Collection<SecurityRule> rules) {
    return rules.stream().flatMap(r -> Ec2RuleTranslator.wireRules(r).stream()).distinct()
        .mapToInt(w -> w.remote() instanceof PrefixListRemote list ? prefixListSizes.getOrDefault(list.id(), 1) : 1)
        .sum();
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
