package io.portcullis.benchmarks;

import io.portcullis.core.CidrBlock;
import io.portcullis.core.Direction;
import io.portcullis.core.IcmpMatch;
import io.portcullis.core.PortRange;
import io.portcullis.core.PortSet;
import io.portcullis.core.Protocol;
import io.portcullis.core.Remote;
import io.portcullis.core.SecurityGroupRemote;
import io.portcullis.core.SecurityRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A reproducible, realistic mix of distinct rules: mostly tcp single ports and small multiport lists, some
 * ranges, udp and ICMP; IPv4 and IPv6 CIDRs and group references.
 */
public final class RuleMix {
  private static final int[] COMMON_PORTS = {22, 80, 443, 3306, 5432, 6379, 8080, 8443, 9200, 27017};

  private RuleMix() {}

  /** {@code count} distinct rules from a fixed seed. */
  public static List<SecurityRule> generate(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<SecurityRule> rules = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      rules.add(rule(i, random));
    }
    return rules;
  }

  private static SecurityRule rule(int i, SplittableRandom random) {
    // The index makes every remote, and so every rule, distinct.
    int kind = random.nextInt(100);
    Remote remote = kind < 60
        ? new CidrBlock("10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff) + "/32")
        : kind < 85 ? new CidrBlock(String.format("2001:db8:%x:%x::/64", i >> 16, i & 0xffff))
        : SecurityGroupRemote.ofId(String.format("sg-%08x", i));
    SecurityRule.Builder b = SecurityRule.builder()
        .direction(random.nextInt(10) < 8 ? Direction.INGRESS : Direction.EGRESS)
        .remote(remote);
    int shape = random.nextInt(100);
    if (shape < 50) {
      b.protocol(Protocol.TCP).ports(PortSet.single(COMMON_PORTS[random.nextInt(COMMON_PORTS.length)]));
    } else if (shape < 75) {
      List<PortRange> ranges = new ArrayList<>();
      for (int n = 2 + random.nextInt(4); n > 0; n--) {
        ranges.add(PortRange.of(COMMON_PORTS[random.nextInt(COMMON_PORTS.length)]));
      }
      b.protocol(Protocol.TCP).ports(PortSet.of(ranges));
    } else if (shape < 85) {
      int from = 1024 + random.nextInt(30000);
      b.protocol(Protocol.TCP).ports(PortSet.range(from, from + random.nextInt(1000)));
    } else if (shape < 95 || !(remote instanceof CidrBlock)) {
      b.protocol(Protocol.UDP).ports(PortSet.single(53 + random.nextInt(2000)));
    } else {
      b.protocol(((CidrBlock) remote).ipVersion() == io.portcullis.core.IpVersion.IPV4 ? Protocol.ICMP : Protocol.ICMPV6)
          .icmp(IcmpMatch.of(3, random.nextInt(16)));
    }
    if (random.nextInt(3) == 0) {
      b.description(Optional.of("rule " + i));
    }
    return b.build();
  }
}
