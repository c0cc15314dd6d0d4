package io.portcullis.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import io.portcullis.core.Action;
import io.portcullis.core.CidrBlock;
import io.portcullis.core.Direction;
import io.portcullis.core.IcmpMatch;
import io.portcullis.core.IpVersion;
import io.portcullis.core.PortRange;
import io.portcullis.core.PortSet;
import io.portcullis.core.Protocol;
import io.portcullis.core.SecurityRule;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Compaction never changes a verdict. Rules are drawn from a small universe (addresses in one /24 or IPv6 /120,
 * ports 1-64, a few ICMP types and codes, protocol 47) so that every packet of the universe is evaluated
 * before and after, under three semantics: Huawei Cloud's (priority, deny wins ties) with an unset priority as
 * the lowest, the same with it as the highest, and EC2's (allowed when some allow matches).
 */
class RuleCompactorProperties {
  private static final int MAX_PORT = 64;
  private static final Universe IPV4 = new Universe("10.0.0.", IpVersion.IPV4);
  private static final Universe IPV6 = new Universe("2001:db8::", IpVersion.IPV6);
  private static final RuleCompactor COMPACTOR = new RuleCompactor();

  @Property(tries = 200)
  void ipv4VerdictsAreUnchanged(@ForAll("ipv4Rules") List<SecurityRule> rules) {
    assertEquivalentAndSmaller(IPV4, rules);
  }

  @Property(tries = 200)
  void ipv6VerdictsAreUnchanged(@ForAll("ipv6Rules") List<SecurityRule> rules) {
    assertEquivalentAndSmaller(IPV6, rules);
  }

  @Property(tries = 200)
  void compactionIsAFixedPoint(@ForAll("ipv4Rules") List<SecurityRule> v4, @ForAll("ipv6Rules") List<SecurityRule> v6) {
    List<SecurityRule> mixed = new ArrayList<>(v4);
    mixed.addAll(v6);
    List<SecurityRule> once = COMPACTOR.compact(mixed);

    assertEquals(once, COMPACTOR.compact(once));
    assertTrue(once.size() <= mixed.size());
  }

  /** Rules that differ only in their CIDR compact to exactly the IP library's merge of the blocks. */
  @Property(tries = 300)
  void cidrMergeIsTheLibrarysMinimalCover(@ForAll("manyBlocks") List<IPAddress> blocks) {
    List<SecurityRule> rules = blocks.stream().map(b -> SecurityRule.builder().direction(Direction.INGRESS)
        .protocol(Protocol.TCP).ports(PortSet.single(443)).remote(CidrBlock.of(b)).build()).toList();
    IPAddress[] merged = blocks.get(0).mergeToPrefixBlocks(blocks.toArray(IPAddress[]::new));
    Arrays.sort(merged, Comparator.comparing(IPAddress::getValue)); // address order (the library's sorts by size)

    assertEquals(Arrays.stream(merged).map(CidrBlock::of).toList(),
        COMPACTOR.compact(rules).stream().map(SecurityRule::remote).toList());
  }

  /** Blocks of one family with every prefix length, dense enough to nest, touch and merge. */
  @Provide
  Arbitrary<List<IPAddress>> manyBlocks() {
    Arbitrary<IPAddress> v4 = Combinators.combine(Arbitraries.integers().between(0, 1 << 12),
            Arbitraries.integers().between(16, 32))
        .as((bits, prefix) -> new IPv4Address((10 << 24) | bits << 8, prefix).toPrefixBlock());
    // 12 bits of address at the bottom, the middle or the top of the 128, with prefix lengths around them
    Arbitrary<IPAddress> v6 = Combinators.combine(Arbitraries.integers().between(0, (1 << 12) - 1),
            Arbitraries.integers().between(0, 12), Arbitraries.of(0, 60, 116))
        .as((bits, extra, shift) -> new IPv6Address(BigInteger.valueOf(bits).shiftLeft(shift),
            116 - shift + extra).toPrefixBlock());
    return Arbitraries.oneOf(v4.list().ofMinSize(1).ofMaxSize(200), v6.list().ofMinSize(1).ofMaxSize(200));
  }

  private static void assertEquivalentAndSmaller(Universe universe, List<SecurityRule> rules) {
    List<SecurityRule> compacted = COMPACTOR.compact(rules);

    assertTrue(compacted.size() <= rules.size(), () -> compacted + " has more rules than " + rules);
    assertEquals(compacted, COMPACTOR.compact(compacted), "not a fixed point");
    List<Matcher> before = universe.matchers(rules);
    List<Matcher> after = universe.matchers(compacted);
    for (Direction direction : Direction.values()) {
      for (int address = 0; address < 256; address++) {
        for (int service = 0; service < universe.services.size(); service++) {
          for (Semantics semantics : Semantics.values()) {
            boolean was = semantics.allows(before, direction, address, service);
            if (was != semantics.allows(after, direction, address, service)) {
              throw new AssertionError(semantics + " verdict changed for " + direction + " "
                  + universe.services.get(service) + " from " + universe.address(address) + ": " + rules + " -> "
                  + compacted);
            }
          }
        }
      }
    }
  }

  @Provide
  Arbitrary<List<SecurityRule>> ipv4Rules() {
    return rules(IPV4);
  }

  @Provide
  Arbitrary<List<SecurityRule>> ipv6Rules() {
    return rules(IPV6);
  }

  private static Arbitrary<List<SecurityRule>> rules(Universe universe) {
    Arbitrary<SecurityRule.Builder> matchPart = Combinators.combine(
        Arbitraries.of(Direction.values()),
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.of(Action.ALLOW)),
            Tuple.of(1, Arbitraries.of(Action.DENY))),
        protocolPart(universe.version),
        cidr(universe))
        .as((direction, action, protocol, remote) -> protocol.direction(direction).action(action).remote(remote));
    Arbitrary<SecurityRule> rule = Combinators.combine(
        matchPart,
        Arbitraries.of(0, 1, 2, 3).map(p -> p == 0 ? Optional.<Integer>empty() : Optional.of(p)),
        Arbitraries.of(Optional.<String>empty(), Optional.of("a"), Optional.of("b")))
        .as((builder, priority, description) -> builder.priority(priority).description(description).build());
    return rule.list().ofMaxSize(14);
  }

  private static Arbitrary<SecurityRule.Builder> protocolPart(IpVersion version) {
    Arbitrary<SecurityRule.Builder> ported = Combinators.combine(Arbitraries.of(Protocol.TCP, Protocol.UDP), ports())
        .as((p, ports) -> SecurityRule.builder().protocol(p).ports(ports));
    Protocol icmp = version == IpVersion.IPV4 ? Protocol.ICMP : Protocol.ICMPV6;
    Arbitrary<SecurityRule.Builder> icmpRule = Combinators.combine(
        Arbitraries.integers().between(-1, 3), Arbitraries.integers().between(-1, 1))
        .as((type, code) -> SecurityRule.builder().protocol(icmp).icmp(
            type < 0 ? IcmpMatch.any() : code < 0 ? IcmpMatch.type(type) : IcmpMatch.of(type, code)));
    return Arbitraries.frequencyOf(
        Tuple.of(8, ported),
        Tuple.of(2, icmpRule),
        Tuple.of(1, Arbitraries.of(Protocol.ANY, Protocol.of(47)).map(p -> SecurityRule.builder().protocol(p))));
  }

  private static Arbitrary<PortSet> ports() {
    Arbitrary<PortRange> range = Combinators.combine(
        Arbitraries.integers().between(1, MAX_PORT), Arbitraries.integers().between(0, 8))
        .as((from, length) -> PortRange.of(from, Math.min(MAX_PORT, from + length)));
    return Arbitraries.frequencyOf(
        Tuple.of(8, range.list().ofMinSize(1).ofMaxSize(3).map(PortSet::of)),
        Tuple.of(1, Arbitraries.just(PortSet.all())));
  }

  /** A block inside the universe (mostly small ones, so that they merge), or one that contains all of it. */
  private static Arbitrary<CidrBlock> cidr(Universe universe) {
    int bits = universe.version == IpVersion.IPV4 ? 32 : 128;
    Arbitrary<CidrBlock> inside = Combinators.combine(
        Arbitraries.integers().between(0, 255), Arbitraries.integers().between(bits - 8, bits))
        .as((offset, prefix) -> CidrBlock.of(universe.address(offset).setPrefixLength(prefix, false).toPrefixBlock()));
    Arbitrary<CidrBlock> around = Arbitraries.of(
        CidrBlock.of(universe.address(0).setPrefixLength(bits - 16, false).toPrefixBlock()),
        universe.version == IpVersion.IPV4 ? CidrBlock.ANY_IPV4 : CidrBlock.ANY_IPV6);
    return Arbitraries.frequencyOf(Tuple.of(12, inside), Tuple.of(1, around));
  }

  /**
   * What a packet carries besides its direction and address: a protocol and a port, or an ICMP type and code.
   */
  record Service(Protocol protocol, int port, int icmpType, int icmpCode) {
    boolean matchedBy(SecurityRule rule) {
      if (rule.protocol().isAny()) {
        return true;
      }
      if (!rule.protocol().equals(protocol)) {
        return false;
      }
      if (protocol.hasPorts()) {
        return rule.ports().contains(port);
      }
      IcmpMatch icmp = rule.icmp();
      return (icmp.type().isEmpty() || icmp.type().getAsInt() == icmpType)
          && (icmp.code().isEmpty() || icmp.code().getAsInt() == icmpCode);
    }
  }

  /** A rule with the addresses and services of the universe it matches worked out once. */
  record Matcher(SecurityRule rule, boolean[] addresses, boolean[] services) {
    boolean matches(Direction direction, int address, int service) {
      return rule.direction() == direction && addresses[address] && services[service];
    }
  }

  /** How a provider decides a packet from the matching rules. */
  enum Semantics {
    PRIORITY_UNSET_LOWEST(r -> r.priority().orElse(101)),
    PRIORITY_UNSET_HIGHEST(r -> r.priority().orElse(0)),
    ALLOW_UNION(null);

    private final ToIntFunction<SecurityRule> rank;

    Semantics(ToIntFunction<SecurityRule> rank) {
      this.rank = rank;
    }

    boolean allows(List<Matcher> rules, Direction direction, int address, int service) {
      int best = Integer.MAX_VALUE;
      boolean allow = false;
      for (Matcher m : rules) {
        if (!m.matches(direction, address, service)) {
          continue;
        }
        boolean isAllow = m.rule().action() == Action.ALLOW;
        if (rank == null) {
          allow |= isAllow;
          continue;
        }
        int r = rank.applyAsInt(m.rule());
        if (r < best) {
          best = r;
          allow = isAllow;
        } else if (r == best) {
          allow &= isAllow; // at equal priority deny wins
        }
      }
      return allow;
    }
  }

  /** 256 addresses sharing a prefix, and the services a packet to them can use. */
  static final class Universe {
    final IpVersion version;
    final String prefix;
    final List<IPAddress> addresses = new ArrayList<>();
    final List<Service> services = new ArrayList<>();

    Universe(String prefix, IpVersion version) {
      this.prefix = prefix;
      this.version = version;
      for (int a = 0; a < 256; a++) {
        addresses.add(address(a));
      }
      Protocol icmp = version == IpVersion.IPV4 ? Protocol.ICMP : Protocol.ICMPV6;
      for (int port = 1; port <= MAX_PORT; port++) {
        services.add(new Service(Protocol.TCP, port, 0, 0));
        services.add(new Service(Protocol.UDP, port, 0, 0));
      }
      for (int type = 0; type <= 4; type++) {
        for (int code = 0; code <= 2; code++) {
          services.add(new Service(icmp, 0, type, code));
        }
      }
      services.add(new Service(Protocol.of(47), 0, 0, 0));
      services.add(new Service(Protocol.of(50), 0, 0, 0));
    }

    IPAddress address(int offset) {
      String text = version == IpVersion.IPV4 ? prefix + offset : prefix + Integer.toHexString(offset);
      return new IPAddressString(text).getAddress();
    }

    List<Matcher> matchers(List<SecurityRule> rules) {
      List<Matcher> matchers = new ArrayList<>();
      for (SecurityRule rule : rules) {
        IPAddress block = ((CidrBlock) rule.remote()).toIpAddress();
        boolean[] in = new boolean[256];
        for (int a = 0; a < 256; a++) {
          in[a] = block.getIPVersion() == addresses.get(a).getIPVersion() && block.contains(addresses.get(a));
        }
        boolean[] matched = new boolean[services.size()];
        for (int i = 0; i < matched.length; i++) {
          matched[i] = services.get(i).matchedBy(rule);
        }
        matchers.add(new Matcher(rule, in, matched));
      }
      return matchers;
    }
  }
}
