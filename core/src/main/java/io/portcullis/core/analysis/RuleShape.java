package io.portcullis.core.analysis;

import io.portcullis.core.CidrBlock;
import io.portcullis.core.Direction;
import io.portcullis.core.IpVersion;
import io.portcullis.core.PortRange;
import io.portcullis.core.PortSet;
import io.portcullis.core.Remote;
import io.portcullis.core.SecurityRule;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * The packets a rule matches (direction, protocol, ports or ICMP match, remote), for pairwise comparisons over a
 * rule set. Action, priority and description are not part of it.
 *
 * <p>Non-CIDR remotes (groups, address groups, prefix lists) are opaque: one covers another only when they are
 * equal, and they are assumed to overlap anything of their IP family. Both choices err on the side of
 * reporting or rewriting less.
 */
final class RuleShape {
  final SecurityRule rule;
  private final CidrBlock block;

  private RuleShape(SecurityRule rule) {
    this.rule = rule;
    this.block = rule.remote() instanceof CidrBlock cidr ? cidr : null;
  }

  static RuleShape of(SecurityRule rule) {
    return new RuleShape(rule);
  }

  static List<RuleShape> of(List<SecurityRule> rules) {
    return rules.stream().map(RuleShape::of).toList();
  }

  /** Whether every packet {@code other} matches is also matched by this rule. */
  boolean covers(RuleShape other) {
    SecurityRule a = rule;
    SecurityRule b = other.rule;
    if (a.direction() != b.direction() || a.ipVersion() != b.ipVersion()) {
      return false;
    }
    if (!a.protocol().isAny()) {
      if (!a.protocol().equals(b.protocol())) {
        return false;
      }
      // Same protocol from here: ports and ICMP matches are only meaningful for their own protocols.
      if (!a.ports().containsAll(b.ports()) || !a.icmp().encloses(b.icmp())) {
        return false;
      }
    }
    return coversRemote(other);
  }

  private boolean coversRemote(RuleShape other) {
    if (block != null && block.isAnyAddress()) {
      return true; // every address of the family, whatever kind of remote the other rule names
    }
    if (block != null && other.block != null) {
      return block.contains(other.block);
    }
    return rule.remote().equals(other.rule.remote());
  }

  /** Whether some packet matches both rules (true when that cannot be known, e.g. for two security groups). */
  boolean overlaps(RuleShape other) {
    SecurityRule a = rule;
    SecurityRule b = other.rule;
    if (a.direction() != b.direction() || a.ipVersion() != b.ipVersion()) {
      return false;
    }
    if (!a.protocol().isAny() && !b.protocol().isAny()) {
      if (!a.protocol().equals(b.protocol())
          || !portsOverlap(a.ports(), b.ports())
          || !icmpOverlaps(a, b)) {
        return false;
      }
    }
    if (block != null && other.block != null) {
      return block.contains(other.block) || other.block.contains(block); // two prefix blocks nest or are apart
    }
    return true;
  }

  private static boolean portsOverlap(PortSet a, PortSet b) {
    if (a.isAll() || b.isAll()) {
      return true;
    }
    for (PortRange x : a.ranges()) {
      for (PortRange y : b.ranges()) {
        if (x.from() <= y.to() && y.from() <= x.to()) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean icmpOverlaps(SecurityRule a, SecurityRule b) {
    return a.icmp().encloses(b.icmp()) || b.icmp().encloses(a.icmp());
  }

  /**
   * Whether a rule of priority {@code a} is decided no later than one of priority {@code b}: both unset, or both
   * set and {@code a} at least as high (a number not above {@code b}). An unset and a set priority are not
   * comparable, because the provider decides what an unset priority means.
   */
  static boolean atLeastAsHigh(Optional<Integer> a, Optional<Integer> b) {
    return a.isPresent() == b.isPresent() && (a.isEmpty() || a.get() <= b.get());
  }

  /** Whether priority {@code a} is set and strictly higher than the set priority {@code b}. */
  static boolean strictlyHigher(Optional<Integer> a, Optional<Integer> b) {
    return a.isPresent() && b.isPresent() && a.get() < b.get();
  }

  /**
   * Whether {@code shapes[j]} makes {@code shapes[i]} unnecessary: the same action, {@code j} covers {@code i},
   * and {@code decidedFirst(j, i)} says that removing {@code i} cannot change a verdict. When two rules do this
   * for each other (duplicates), only the earlier one supersedes, so one of them is always kept.
   *
   * <p>The relation is a strict partial order when {@code decidedFirst} is transitive over covering rules, so
   * every superseded rule is superseded by some rule that is itself kept: all can be removed together.
   */
  static boolean supersedes(List<RuleShape> shapes, int j, int i, BiPredicate<RuleShape, RuleShape> decidedFirst) {
    RuleShape a = shapes.get(j);
    RuleShape b = shapes.get(i);
    if (i == j || a.rule.action() != b.rule.action() || !a.covers(b) || !decidedFirst.test(a, b)) {
      return false;
    }
    boolean mutual = b.covers(a) && decidedFirst.test(b, a);
    return !mutual || j < i;
  }

  /**
   * Finds, for each rule, the first rule that {@linkplain #supersedes supersedes} it without comparing every
   * pair: only a rule of the same direction whose remote is the same, or a CIDR block containing the rule's
   * block, or the whole address family, can cover it. The CIDR blocks of each direction form a tree (each
   * block's parent is the smallest other block containing it), built by one sort and sweep, so a rule's
   * candidates are the rules at its block and at the blocks above it.
   */
  static final class Index {
    private record Place(Direction direction, Remote remote) {}

    private final List<RuleShape> shapes;
    private final Map<Place, List<Integer>> byPlace = new HashMap<>();
    /** The nearest containing block of each CIDR place; absent for a top block. */
    private final Map<Place, Place> parent = new HashMap<>();

    Index(List<RuleShape> shapes) {
      this.shapes = shapes;
      for (int i = 0; i < shapes.size(); i++) {
        SecurityRule rule = shapes.get(i).rule;
        byPlace.computeIfAbsent(new Place(rule.direction(), rule.remote()), k -> new ArrayList<>(1)).add(i);
      }
      List<Place> blocks = new ArrayList<>();
      for (Place place : byPlace.keySet()) {
        if (place.remote() instanceof CidrBlock) {
          blocks.add(place);
        }
      }
      blocks.sort((a, b) -> a.direction() != b.direction() ? a.direction().compareTo(b.direction())
          : a.remote().ipVersion() != b.remote().ipVersion()
              ? a.remote().ipVersion().compareTo(b.remote().ipVersion())
              : PrefixCover.ADDRESS_ORDER.compare((CidrBlock) a.remote(), (CidrBlock) b.remote()));
      // In this order a block comes after every block containing it: the stack holds the chain of containers.
      Deque<Place> stack = new ArrayDeque<>();
      for (Place place : blocks) {
        while (!stack.isEmpty() && !contains(stack.peek(), place)) {
          stack.pop();
        }
        if (!stack.isEmpty()) {
          parent.put(place, stack.peek());
        }
        stack.push(place);
      }
    }

    private static boolean contains(Place a, Place b) {
      return a.direction() == b.direction() && ((CidrBlock) a.remote()).contains((CidrBlock) b.remote());
    }

    /** The index of the first rule that supersedes rule {@code i}, or -1. */
    int supersededBy(int i, BiPredicate<RuleShape, RuleShape> decidedFirst) {
      SecurityRule rule = shapes.get(i).rule;
      Place place = new Place(rule.direction(), rule.remote());
      int first = firstSuperseding(byPlace.get(place), i, -1, decidedFirst);
      if (rule.remote() instanceof CidrBlock) {
        for (Place above = parent.get(place); above != null; above = parent.get(above)) {
          first = firstSuperseding(byPlace.get(above), i, first, decidedFirst);
        }
      } else {
        CidrBlock all = rule.ipVersion() == IpVersion.IPV4 ? CidrBlock.ANY_IPV4 : CidrBlock.ANY_IPV6;
        first = firstSuperseding(byPlace.get(new Place(rule.direction(), all)), i, first, decidedFirst);
      }
      return first;
    }

    private int firstSuperseding(List<Integer> candidates, int i, int first,
        BiPredicate<RuleShape, RuleShape> decidedFirst) {
      if (candidates != null) {
        for (int j : candidates) {
          if ((first < 0 || j < first) && supersedes(shapes, j, i, decidedFirst)) {
            first = j;
          }
        }
      }
      return first;
    }
  }

  /** {@link #atLeastAsHigh} on the two rules' priorities. */
  static boolean atLeastAsHigh(RuleShape a, RuleShape b) {
    return atLeastAsHigh(a.rule.priority(), b.rule.priority());
  }
}
