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
import java.util.Arrays;
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

    private static final int ID_BITS = 26;

    private record Placed(CidrBlock block, int id) {}

    private final List<RuleShape> shapes;
    private final Map<Place, Integer> placeIds;
    /** Per place: the rules there, in order. */
    private final List<List<Integer>> rulesAt = new ArrayList<>();
    /** Per rule: its place. */
    private final int[] placeOf;
    /** Per CIDR place: the place of the smallest other block containing it, or -1. */
    private final int[] parent;

    Index(List<RuleShape> shapes) {
      this.shapes = shapes;
      this.placeOf = new int[shapes.size()];
      this.placeIds = new HashMap<>(shapes.size() * 4 / 3 + 16);
      List<List<Integer>> blocks = new ArrayList<>(); // CIDR place ids per direction and IP family
      for (int b = 0; b < 4; b++) {
        blocks.add(new ArrayList<>());
      }
      List<CidrBlock> blockAt = new ArrayList<>();
      for (int i = 0; i < shapes.size(); i++) {
        RuleShape shape = shapes.get(i);
        Place place = new Place(shape.rule.direction(), shape.rule.remote());
        Integer id = placeIds.get(place);
        if (id == null) {
          id = rulesAt.size();
          placeIds.put(place, id);
          rulesAt.add(new ArrayList<>(1));
          blockAt.add(shape.block);
          if (shape.block != null) {
            blocks.get(shape.rule.direction().ordinal() * 2 + shape.block.ipVersion().ordinal()).add(id);
          }
        }
        rulesAt.get(id).add(i);
        placeOf[i] = id;
      }
      parent = new int[rulesAt.size()];
      Arrays.fill(parent, -1);
      for (List<Integer> ids : blocks) {
        // In address order a block comes after every block containing it: the stack holds its containers.
        Deque<Integer> stack = new ArrayDeque<>();
        for (int id : inAddressOrder(ids, blockAt)) {
          while (!stack.isEmpty() && !blockAt.get(stack.peek()).contains(blockAt.get(id))) {
            stack.pop();
          }
          if (!stack.isEmpty()) {
            parent[id] = stack.peek();
          }
          stack.push(id);
        }
      }
    }

    /** The places {@code ids} sorted by their blocks in address order. */
    private static int[] inAddressOrder(List<Integer> ids, List<CidrBlock> blockAt) {
      int[] out = new int[ids.size()];
      if (ids.isEmpty() || blockAt.get(ids.get(0)).ipVersion() == IpVersion.IPV6 || blockAt.size() >= 1 << ID_BITS) {
        Placed[] placed = new Placed[out.length];
        for (int k = 0; k < out.length; k++) {
          placed[k] = new Placed(blockAt.get(ids.get(k)), ids.get(k));
        }
        Arrays.sort(placed, (a, b) -> PrefixCover.ADDRESS_ORDER.compare(a.block(), b.block()));
        for (int k = 0; k < out.length; k++) {
          out[k] = placed[k].id();
        }
        return out;
      }
      // IPv4: address, prefix length and id fit in one long, and sorting primitives is several times faster.
      long[] keys = new long[out.length];
      for (int k = 0; k < keys.length; k++) {
        CidrBlock b = blockAt.get(ids.get(k));
        keys[k] = (b.low() << 32 | (long) b.prefixLength() << ID_BITS | ids.get(k)) ^ Long.MIN_VALUE;
      }
      Arrays.sort(keys);
      for (int k = 0; k < out.length; k++) {
        out[k] = (int) (keys[k] & ((1 << ID_BITS) - 1));
      }
      return out;
    }

    /** The index of the first rule that supersedes rule {@code i}, or -1. */
    int supersededBy(int i, BiPredicate<RuleShape, RuleShape> decidedFirst) {
      int first = -1;
      RuleShape shape = shapes.get(i);
      if (shape.block != null) {
        for (int place = placeOf[i]; place >= 0; place = parent[place]) {
          first = firstSuperseding(rulesAt.get(place), i, first, decidedFirst);
        }
      } else {
        first = firstSuperseding(rulesAt.get(placeOf[i]), i, first, decidedFirst);
        CidrBlock all = shape.rule.ipVersion() == IpVersion.IPV4 ? CidrBlock.ANY_IPV4 : CidrBlock.ANY_IPV6;
        Integer any = placeIds.get(new Place(shape.rule.direction(), all));
        if (any != null) {
          first = firstSuperseding(rulesAt.get(any), i, first, decidedFirst);
        }
      }
      return first;
    }

    private int firstSuperseding(List<Integer> candidates, int i, int first,
        BiPredicate<RuleShape, RuleShape> decidedFirst) {
      for (int j : candidates) {
        if ((first < 0 || j < first) && supersedes(shapes, j, i, decidedFirst)) {
          first = j;
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
