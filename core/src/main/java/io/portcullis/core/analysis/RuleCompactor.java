package io.portcullis.core.analysis;

import io.portcullis.core.Action;
import io.portcullis.core.CidrBlock;
import io.portcullis.core.Direction;
import io.portcullis.core.IcmpMatch;
import io.portcullis.core.IpVersion;
import io.portcullis.core.PortRange;
import io.portcullis.core.PortSet;
import io.portcullis.core.Protocol;
import io.portcullis.core.Remote;
import io.portcullis.core.SecurityRule;
import java.util.ArrayList;
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
      List<SecurityRule> cidrs = mergeCidrs(current);
      List<SecurityRule> next = dropSuperseded(mergePorts(cidrs));
      // The other two rewrites only ever remove rules, so the same size means they changed nothing; and the CIDR
      // merge of its own output is that output, so this is the fixed point without another round.
      if (next.size() == cidrs.size() || next.equals(current)) {
        return next;
      }
      current = next;
    }
  }

  /** What rules joined by a CIDR merge share: everything but the remote's block and the description. */
  private record CidrKey(Direction direction, Action action, Protocol protocol, PortSet ports, IcmpMatch icmp,
      IpVersion ipVersion, Optional<Integer> priority) {
    static CidrKey of(SecurityRule r) {
      return r.remote() instanceof CidrBlock
          ? new CidrKey(r.direction(), r.action(), r.protocol(), r.ports(), r.icmp(), r.ipVersion(), r.priority())
          : null;
    }
  }

  /** What rules joined by a port merge share: everything but the ports and the description. */
  private record PortsKey(Direction direction, Action action, Protocol protocol, IcmpMatch icmp, Remote remote,
      Optional<Integer> priority) {
    static PortsKey of(SecurityRule r) {
      return new PortsKey(r.direction(), r.action(), r.protocol(), r.icmp(), r.remote(), r.priority());
    }
  }

  /** Joins rules that differ only in their CIDR remote (and description). */
  private static List<SecurityRule> mergeCidrs(List<SecurityRule> rules) {
    return mergeGroups(rules, CidrKey::of, group -> {
      CidrBlock[] blocks = new CidrBlock[group.size()];
      for (int i = 0; i < blocks.length; i++) {
        blocks[i] = (CidrBlock) group.get(i).remote();
      }
      List<CidrBlock> merged = PrefixCover.of(group.get(0).ipVersion(), blocks);
      SecurityRule.Builder builder = group.get(0).toBuilder().description(commonDescription(group));
      List<SecurityRule> out = new ArrayList<>(merged.size());
      for (CidrBlock block : merged) {
        out.add(builder.remote(block).build());
      }
      return out;
    });
  }

  /** Joins rules that differ only in their ports (and description). */
  private static List<SecurityRule> mergePorts(List<SecurityRule> rules) {
    return mergeGroups(rules, PortsKey::of, group -> {
      List<PortRange> ranges = new ArrayList<>();
      for (SecurityRule rule : group) {
        if (rule.ports().isAll()) {
          return List.of(group.get(0).toBuilder().ports(PortSet.all()).description(commonDescription(group)).build());
        }
        ranges.addAll(rule.ports().ranges());
      }
      return List.of(group.get(0).toBuilder().ports(PortSet.of(ranges)).description(commonDescription(group)).build());
    });
  }

  /**
   * Groups rules by {@code key}, replaces each group by {@code merge(group)} at the place of its first rule,
   * and leaves a lone rule, or one without a key (null), as it is.
   */
  private static List<SecurityRule> mergeGroups(List<SecurityRule> rules, Function<SecurityRule, Object> key,
      Function<List<SecurityRule>, List<SecurityRule>> merge) {
    Map<Object, List<SecurityRule>> groups = new LinkedHashMap<>(rules.size() * 4 / 3 + 16);
    for (SecurityRule rule : rules) {
      // A rule without a key gets a key of its own, which keeps its place in the order.
      Object k = key.apply(rule);
      groups.computeIfAbsent(k == null ? new Object() : k, x -> new ArrayList<>(1)).add(rule);
    }
    if (groups.size() == rules.size()) {
      return rules;
    }
    List<SecurityRule> out = new ArrayList<>(rules.size());
    for (List<SecurityRule> group : groups.values()) {
      out.addAll(group.size() == 1 ? group : merge.apply(group));
    }
    return out;
  }

  private static Optional<String> commonDescription(List<SecurityRule> group) {
    Optional<String> first = group.get(0).description();
    for (SecurityRule rule : group) {
      if (!rule.description().equals(first)) {
        return Optional.empty();
      }
    }
    return first;
  }

  /** Drops every rule that another rule of the same action makes unnecessary. */
  private static List<SecurityRule> dropSuperseded(List<SecurityRule> rules) {
    RuleShape.Index index = new RuleShape.Index(RuleShape.of(rules));
    List<SecurityRule> out = new ArrayList<>(rules.size());
    for (int i = 0; i < rules.size(); i++) {
      if (index.supersededBy(i, RuleShape::atLeastAsHigh) < 0) {
        out.add(rules.get(i));
      }
    }
    return out.size() == rules.size() ? rules : out;
  }
}
