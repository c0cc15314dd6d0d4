package io.portcullis.core.analysis;

import inet.ipaddr.IPAddress;
import io.portcullis.core.CidrBlock;
import io.portcullis.core.IpVersion;
import io.portcullis.core.PortSet;
import io.portcullis.core.SecurityRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Rewrites a group's rules into an equivalent, smaller set. Three rewrites are applied until none changes
 * anything:
 *
 * <ol>
 *   <li>rules identical but for the CIDR remote merge into the fewest CIDR blocks covering exactly the same
 *       addresses (the IP library's prefix-block merge, IPv4 and IPv6 separately);
 *   <li>rules identical but for the ports merge into one rule with the union of the ports;
 *   <li>a rule is dropped when another rule of the same action matches every packet it does and has a
 *       priority at least as high (both unset counts as equal); of two duplicates the first is kept.
 * </ol>
 *
 * <p>Why meaning is kept: the first two rewrites only join rules of the same direction, action, protocol and
 * priority, and the joined rule matches exactly the union of what they matched, so for every packet the set
 * of (action, priority) pairs with a matching rule is unchanged; the third removes a rule only where a rule of
 * the same action decides no later for every packet it matches. So the verdict is unchanged whether the
 * provider evaluates by priority with deny winning ties (Huawei Cloud) or allows the union of allow rules
 * (EC2). DENY and ALLOW, and rules of different priority, are never joined.
 *
 * <p>Descriptions: a joined rule keeps a description only when every rule joined into it had the same one
 * (including none); otherwise it has none, since no single text is true of all of them. Rules are never joined
 * just because their descriptions differ, but a differing description does not prevent a join either.
 *
 * <p>The result is the smallest set these rewrites reach (a fixed point: compacting it again returns it
 * unchanged), not a global minimum over every possible rewrite. Each output rule sits where the first rule
 * it came from was; blocks from one CIDR merge are in address order.
 */
public final class RuleCompactor {
  /** A compactor; it holds no state. */
  public RuleCompactor() {}

  /** The compacted rules; the input is not changed. */
  public List<SecurityRule> compact(Collection<SecurityRule> rules) {
    List<SecurityRule> current = List.copyOf(rules);
    while (true) {
      List<SecurityRule> next = dropSuperseded(mergePorts(mergeCidrs(current)));
      if (next.equals(current)) {
        return next;
      }
      current = next;
    }
  }

  /** Joins rules that differ only in their CIDR remote (and description). */
  private static List<SecurityRule> mergeCidrs(List<SecurityRule> rules) {
    return mergeGroups(rules,
        r -> r.remote() instanceof CidrBlock
            ? Optional.of(r.toBuilder().remote(anyOf(r)).description(Optional.empty()).build())
            : Optional.empty(),
        group -> {
          IPAddress[] blocks = group.stream().map(r -> ((CidrBlock) r.remote()).toIpAddress()).toArray(IPAddress[]::new);
          IPAddress[] merged = blocks[0].mergeToPrefixBlocks(Arrays.copyOfRange(blocks, 1, blocks.length));
          Arrays.sort(merged);
          Optional<String> description = commonDescription(group);
          return Arrays.stream(merged)
              .map(b -> group.get(0).toBuilder().remote(CidrBlock.of(b)).description(description).build())
              .toList();
        });
  }

  private static CidrBlock anyOf(SecurityRule rule) {
    return rule.ipVersion() == IpVersion.IPV4 ? CidrBlock.ANY_IPV4 : CidrBlock.ANY_IPV6;
  }

  /** Joins rules that differ only in their ports (and description). */
  private static List<SecurityRule> mergePorts(List<SecurityRule> rules) {
    return mergeGroups(rules,
        r -> Optional.of(r.toBuilder().ports(PortSet.all()).description(Optional.empty()).build()),
        group -> List.of(group.get(0).toBuilder()
            .ports(group.stream().map(SecurityRule::ports).reduce(PortSet::union).orElseThrow())
            .description(commonDescription(group))
            .build()));
  }

  /**
   * Groups rules by {@code key}, replaces each group by {@code merge(group)} at the place of its first rule,
   * and leaves a lone rule, or one without a key, as it is.
   */
  private static List<SecurityRule> mergeGroups(List<SecurityRule> rules,
      Function<SecurityRule, Optional<SecurityRule>> key, Function<List<SecurityRule>, List<SecurityRule>> merge) {
    Map<Object, List<SecurityRule>> groups = new LinkedHashMap<>();
    for (SecurityRule rule : rules) {
      // A rule without a key gets a key of its own, which keeps its place in the order.
      Object k = key.apply(rule).map(Object.class::cast).orElseGet(Object::new);
      groups.computeIfAbsent(k, x -> new ArrayList<>()).add(rule);
    }
    List<SecurityRule> out = new ArrayList<>();
    for (List<SecurityRule> group : groups.values()) {
      out.addAll(group.size() == 1 ? group : merge.apply(group));
    }
    return out;
  }

  private static Optional<String> commonDescription(List<SecurityRule> group) {
    Optional<String> first = group.get(0).description();
    return group.stream().allMatch(r -> r.description().equals(first)) ? first : Optional.empty();
  }

  /** Drops every rule that another rule of the same action makes unnecessary. */
  private static List<SecurityRule> dropSuperseded(List<SecurityRule> rules) {
    RuleShape.Index index = new RuleShape.Index(RuleShape.of(rules));
    List<SecurityRule> out = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      if (index.supersededBy(i, RuleShape::atLeastAsHigh) < 0) {
        out.add(rules.get(i));
      }
    }
    return out;
  }
}
