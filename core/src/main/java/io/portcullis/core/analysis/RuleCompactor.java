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
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
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
    // Rules that differ only in their blocks, a common case, compact to the cover of their blocks: one class, one
    // CIDR group, so the other rewrites change nothing (see plainClasses), found in one pass over the rules.
    List<SecurityRule> one = current.size() > 1 ? cover(current, true) : null;
    if (one != null) {
      return one;
    }
    while (true) {
      List<List<SecurityRule>> cidrGroups = group(current, CidrKey::of, CidrKey::same);
      List<SecurityRule> cidrs = merge(current, cidrGroups, group -> cover(group, false));
      boolean[] plain = plainClasses(cidrGroups);
      if (allTrue(plain)) {
        return cidrs; // the other rewrites change nothing, and the CIDR merge of its own output is that output
      }
      List<SecurityRule> ports = merge(cidrs, group(cidrs, r -> plain[classOf(r)] ? null : PortsKey.of(r),
          PortsKey::same), RuleCompactor::joinPorts);
      List<SecurityRule> next = dropSuperseded(ports, plain);
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

    /** Whether both rules have a CIDR remote and the same key; the same as comparing their keys, but cheaper. */
    static boolean same(SecurityRule a, SecurityRule b) {
      return b.remote() instanceof CidrBlock && a.remote() instanceof CidrBlock && a.direction() == b.direction()
          && a.action() == b.action() && a.ipVersion() == b.ipVersion() && a.protocol().equals(b.protocol())
          && a.ports().equals(b.ports()) && a.icmp().equals(b.icmp()) && a.priority().equals(b.priority());
    }
  }

  /** What rules joined by a port merge share: everything but the ports and the description. */
  private record PortsKey(Direction direction, Action action, Protocol protocol, IcmpMatch icmp, Remote remote,
      Optional<Integer> priority) {
    static PortsKey of(SecurityRule r) {
      return new PortsKey(r.direction(), r.action(), r.protocol(), r.icmp(), r.remote(), r.priority());
    }

    /** Whether both rules have the same key; the same as comparing their keys, but cheaper. */
    static boolean same(SecurityRule a, SecurityRule b) {
      return a.direction() == b.direction() && a.action() == b.action() && a.protocol().equals(b.protocol())
          && a.icmp().equals(b.icmp()) && a.remote().equals(b.remote()) && a.priority().equals(b.priority());
    }
  }

  private static final int ACTIONS = Action.values().length;
  private static final int FAMILIES = IpVersion.values().length;
  private static final int CLASSES = Direction.values().length * ACTIONS * FAMILIES;

  /** The rule's class: direction, action and IP family. Rules of different classes never join or supersede. */
  private static int classOf(SecurityRule r) {
    return (r.direction().ordinal() * ACTIONS + r.action().ordinal()) * FAMILIES + r.ipVersion().ordinal();
  }

  /**
   * Per class, whether its rules form one CIDR group (or there are none): after the CIDR merge they are the
   * disjoint blocks of one cover, so no two of them join by ports or supersede each other.
   */
  private static boolean[] plainClasses(List<List<SecurityRule>> cidrGroups) {
    int[] weight = new int[CLASSES]; // a CIDR group counts 1, a rule without a CIDR remote 2
    for (List<SecurityRule> group : cidrGroups) {
      SecurityRule rule = group.get(0);
      weight[classOf(rule)] += rule.remote() instanceof CidrBlock ? 1 : 2;
    }
    boolean[] plain = new boolean[CLASSES];
    for (int c = 0; c < CLASSES; c++) {
      plain[c] = weight[c] <= 1;
    }
    return plain;
  }

  private static boolean allTrue(boolean[] values) {
    for (boolean value : values) {
      if (!value) {
        return false;
      }
    }
    return true;
  }

  /**
   * The rules of one CIDR group joined: one rule per block of the minimal cover of their blocks. With {@code
   * check}, whether they are one group is checked on the way (in the same pass over the rules), and the answer is
   * null if they are not.
   */
  private static List<SecurityRule> cover(List<SecurityRule> group, boolean check) {
    SecurityRule first = group.get(0);
    if (check && !(first.remote() instanceof CidrBlock)) {
      return null;
    }
    PrefixCover cover = new PrefixCover(first.ipVersion(), group.size());
    Optional<String> description = first.description();
    Map<String, String> tags = first.tags();
    for (SecurityRule rule : group) {
      if (check && !CidrKey.same(first, rule)) {
        return null;
      }
      cover.add((CidrBlock) rule.remote());
      if (description.isPresent() && !rule.description().equals(description)) {
        description = Optional.empty(); // kept only when every rule has the same one
      }
      if (!tags.isEmpty() && !rule.tags().equals(tags)) {
        tags = Map.of(); // likewise: one rule's tags never label blocks of the others
      }
    }
    SecurityRule.Builder builder = first.toBuilder().description(description).tags(tags);
    List<SecurityRule> out = new ArrayList<>();
    cover.cover(block -> out.add(builder.remote(block).build()));
    return out;
  }

  /** The rules of one ports group joined into one rule with the union of their ports. */
  private static List<SecurityRule> joinPorts(List<SecurityRule> group) {
    List<PortRange> ranges = new ArrayList<>();
    for (SecurityRule rule : group) {
      if (rule.ports().isAll()) {
        return List.of(joined(group).ports(PortSet.all()).build());
      }
      ranges.addAll(rule.ports().ranges());
    }
    return List.of(joined(group).ports(PortSet.of(ranges)).build());
  }

  /** The group's first rule with the description and tags every rule of the group has, or none. */
  private static SecurityRule.Builder joined(List<SecurityRule> group) {
    SecurityRule first = group.get(0);
    Optional<String> description = first.description();
    Map<String, String> tags = first.tags();
    for (SecurityRule rule : group) {
      description = rule.description().equals(description) ? description : Optional.empty();
      tags = rule.tags().equals(tags) ? tags : Map.of();
    }
    return first.toBuilder().description(description).tags(tags);
  }

  /**
   * The rules grouped by {@code key}, groups in the order of their first rules; a rule without a key (null) is
   * a group of its own. {@code sameKey(a, b)} must say whether the keyed rule {@code a} and {@code b} have equal
   * keys; it spares hashing a key for each rule of a run of one group.
   */
  private static List<List<SecurityRule>> group(List<SecurityRule> rules, Function<SecurityRule, Object> key,
      BiPredicate<SecurityRule, SecurityRule> sameKey) {
    Map<Object, List<SecurityRule>> groups = new HashMap<>();
    List<List<SecurityRule>> order = new ArrayList<>();
    SecurityRule previous = null;
    List<SecurityRule> previousGroup = null;
    for (SecurityRule rule : rules) {
      if (previous != null && sameKey.test(previous, rule)) {
        previousGroup.add(rule);
        continue;
      }
      Object k = key.apply(rule);
      if (k == null) {
        order.add(List.of(rule));
        continue;
      }
      List<SecurityRule> group = groups.get(k);
      if (group == null) {
        group = new ArrayList<>(2);
        groups.put(k, group);
        order.add(group);
      }
      group.add(rule);
      previous = rule;
      previousGroup = group;
    }
    return order;
  }

  /** Each group of {@code rules} of more than one rule replaced by {@code merge(group)} at its first rule's place. */
  private static List<SecurityRule> merge(List<SecurityRule> rules, List<List<SecurityRule>> groups,
      Function<List<SecurityRule>, List<SecurityRule>> merge) {
    if (groups.size() == rules.size()) {
      return rules;
    }
    if (groups.size() == 1) {
      return merge.apply(groups.get(0));
    }
    List<SecurityRule> out = new ArrayList<>(rules.size());
    for (List<SecurityRule> group : groups) {
      if (group.size() == 1) {
        out.add(group.get(0));
      } else {
        out.addAll(merge.apply(group));
      }
    }
    return out;
  }

  /** Drops every rule that another rule of the same action makes unnecessary; none of a plain class is. */
  private static List<SecurityRule> dropSuperseded(List<SecurityRule> rules, boolean[] plain) {
    int[] at = new int[rules.size()]; // the places of the rules that are checked
    List<SecurityRule> checked = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      if (!plain[classOf(rules.get(i))]) {
        at[checked.size()] = i;
        checked.add(rules.get(i));
      }
    }
    RuleShape.Index index = new RuleShape.Index(RuleShape.of(checked));
    boolean[] dropped = new boolean[rules.size()];
    boolean any = false;
    for (int k = 0; k < checked.size(); k++) {
      if (index.supersededBy(k, RuleShape::atLeastAsHigh) >= 0) {
        dropped[at[k]] = true;
        any = true;
      }
    }
    if (!any) {
      return rules;
    }
    List<SecurityRule> out = new ArrayList<>(rules.size());
    for (int i = 0; i < rules.size(); i++) {
      if (!dropped[i]) {
        out.add(rules.get(i));
      }
    }
    return out;
  }
}
