package io.portcullis.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The numeric form of a block agrees with the IP library: canonical text, round trip and containment. */
class CidrBlockProperties {
  @Property(tries = 2000)
  void numbersGiveTheLibrarysCanonicalText(@ForAll("blocks") IPAddress block) {
    CidrBlock parsed = CidrBlock.parse(block.toCanonicalString());
    BigInteger value = block.getValue();
    IpVersion version = block.isIPv4() ? IpVersion.IPV4 : IpVersion.IPV6;
    CidrBlock built = CidrBlock.of(version, block.isIPv4() ? 0 : value.shiftRight(64).longValue(), value.longValue()
        & (block.isIPv4() ? 0xffffffffL : -1L), block.getNetworkPrefixLength());

    assertEquals(block.toCanonicalString(), built.cidr());
    assertEquals(parsed, built);
    assertEquals(parsed.hashCode(), built.hashCode());
    assertEquals(block, built.toIpAddress());
    assertEquals(block.getNetworkPrefixLength(), built.prefixLength());
  }

  @Property(tries = 2000)
  void containmentAgreesWithTheLibrary(@ForAll("blocks") IPAddress a, @ForAll("blocks") IPAddress b) {
    boolean expected = a.getIPVersion() == b.getIPVersion() && a.contains(b);
    assertEquals(expected, CidrBlock.of(a).contains(CidrBlock.of(b)));
  }

  /** Blocks of every prefix length, with many zero groups so that IPv6 compression is exercised. */
  @Provide
  Arbitrary<IPAddress> blocks() {
    Arbitrary<IPAddress> v4 = Combinators.combine(Arbitraries.integers(), Arbitraries.integers().between(0, 32))
        .as((bits, prefix) -> new IPv4Address(bits, prefix).toPrefixBlock());
    Arbitrary<IPAddress> v6 = Combinators.combine(
            Arbitraries.integers().between(0, 65535).list().ofSize(8),
            Arbitraries.integers().between(0, 255).list().ofSize(8),
            Arbitraries.integers().between(0, 128))
        .as((groups, zeroes, prefix) -> {
          byte[] bytes = new byte[16];
          for (int i = 0; i < 8; i++) {
            int g = zeroes.get(i) < 128 ? 0 : groups.get(i);
            bytes[2 * i] = (byte) (g >>> 8);
            bytes[2 * i + 1] = (byte) g;
          }
          return new IPv6Address(bytes, prefix).toPrefixBlock();
        });
    return Arbitraries.oneOf(v4, v6, v6);
  }
}
