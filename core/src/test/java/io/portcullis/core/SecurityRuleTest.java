package io.portcullis.core;

import static io.portcullis.core.Violations.assertSingle;
import static io.portcullis.core.Violations.assertViolation;
import static io.portcullis.core.Violations.invalid;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecurityRuleTest {
  private static final CidrBlock V4 = new CidrBlock("10.0.0.0/8");
  private static final CidrBlock V6 = new CidrBlock("2001:db8::/32");

  private static SecurityRule.Builder rule(Protocol protocol, Remote remote) {
    return SecurityRule.builder().direction(Direction.INGRESS).protocol(protocol).remote(remote);
  }

  @Test
  void defaults() {
    SecurityRule r = rule(Protocol.TCP, V4).build();
    assertEquals(Action.ALLOW, r.action());
    assertEquals(PortSet.all(), r.ports());
    assertEquals(IcmpMatch.any(), r.icmp());
    assertEquals(Optional.empty(), r.priority());
    assertEquals(Optional.empty(), r.description());
    assertEquals(IpVersion.IPV4, r.ipVersion());
    assertEquals(IpVersion.IPV6, rule(Protocol.TCP, V6).build().ipVersion());
  }

  @Test
  void requiredFieldsAreRequired() {
    assertThrows(IllegalStateException.class,
        () -> SecurityRule.builder().protocol(Protocol.TCP).remote(V4).build());
  }

  @ParameterizedTest
  @ValueSource(strings = {"tcp", "udp", "6", "17"})
  void portsWithTcpAndUdp(String protocol) {
    SecurityRule r = rule(Protocol.parse(protocol), V4).ports(PortSet.parse("22,80")).build();
    assertEquals(PortSet.parse("80,22"), r.ports());
  }

  @ParameterizedTest
  @CsvSource({"icmp,icmp,", "icmpv6,icmpv6,", "47,47,' (which always covers every port)'",
      "any,any,' (which always covers every port)'"})
  void portsOnlyWithTcpAndUdp(String protocol, String keyword, String suffix) {
    Remote remote = protocol.equals("icmpv6") ? V6 : V4;
    assertSingle(() -> rule(Protocol.parse(protocol), remote).ports(PortSet.single(22)).build(), "ports", "22",
        "ports only with protocol tcp or udp (6, 17), not with " + keyword + (suffix == null ? "" : suffix));
  }

  @Test
  void icmpMatchOnlyWithIcmp() {
    assertEquals(IcmpMatch.of(3, 4), rule(Protocol.ICMP, V4).icmp(IcmpMatch.of(3, 4)).build().icmp());
    assertEquals(IcmpMatch.type(128), rule(Protocol.ICMPV6, V6).icmp(IcmpMatch.type(128)).build().icmp());
    for (Protocol p : new Protocol[] {Protocol.TCP, Protocol.UDP, Protocol.ANY, Protocol.of(47)}) {
      assertSingle(() -> rule(p, V4).icmp(IcmpMatch.of(3, 4)).build(), "icmp", "type 3 code 4",
          "an ICMP type and code only with protocol icmp or icmpv6, not with " + p.keyword());
    }
  }

  @Test
  void icmpNeedsIpv4AndIcmpv6NeedsIpv6() {
    assertSingle(() -> rule(Protocol.ICMP, V6).build(), "protocol", "icmp",
        "icmp needs an IPv4 remote; use icmpv6 for the IPv6 remote 2001:db8::/32");
    assertSingle(() -> rule(Protocol.ICMPV6, V4).build(), "protocol", "icmpv6",
        "icmpv6 needs an IPv6 remote; use icmp for the IPv4 remote 10.0.0.0/8");
    // EC2 group references carry no IP family: icmpv6 from one is a rule EC2 accepts
    assertDoesNotThrow(() -> rule(Protocol.ICMPV6, SecurityGroupRemote.ofId("sg-1")).build());
    assertDoesNotThrow(() -> rule(Protocol.ICMPV6, new PrefixListRemote("pl-1", IpVersion.IPV6)).build());
    assertDoesNotThrow(() -> rule(Protocol.ICMP, AddressGroupRemote.of("ag")).build());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 50, 100})
  void priorityInRange(int priority) {
    assertEquals(Optional.of(priority), rule(Protocol.TCP, V4).priority(priority).build().priority());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 101, -1})
  void priorityOutOfRange(int priority) {
    assertSingle(() -> rule(Protocol.TCP, V4).priority(priority).build(), "priority", Integer.toString(priority),
        "a priority 1-100 (1 is the highest)");
  }

  @Test
  void descriptionLength() {
    String max = "d".repeat(255);
    assertEquals(Optional.of(max), rule(Protocol.TCP, V4).description(max).build().description());
    assertSingle(() -> rule(Protocol.TCP, V4).description(max + "d").build(), "description", "d".repeat(37) + "...",
        "at most 255 characters (has 256)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tab\there", "line\nbreak", "nul\u0000", "del\u007f", "c1\u0085"})
  void descriptionWithoutControlCharacters(String description) {
    assertSingle(() -> rule(Protocol.TCP, V4).description(description).build(), "description", description,
        "text without control characters (tabs, line breaks)");
  }

  @Test
  void descriptionMayHoldQuotesBackslashesAndNonAscii() {
    String d = "l'accès \"admin\" C:\\ — 日本";
    assertEquals(Optional.of(d), rule(Protocol.TCP, V4).description(d).build().description());
  }

  @Test
  void allViolationsComeTogetherInOneException() {
    InvalidRuleException e = invalid(() -> rule(Protocol.ANY, V6).ports(PortSet.single(22)).icmp(IcmpMatch.type(8))
        .priority(0).description("x".repeat(300) + "\n").build());
    assertEquals(5, e.violations().size(), e.getMessage());
    assertViolation(e, 0, "ports", "22", "not with any");
    assertViolation(e, 1, "icmp", "type 8", "only with protocol icmp or icmpv6");
    assertViolation(e, 2, "priority", "0", "a priority 1-100");
    assertViolation(e, 3, "description", "x".repeat(37) + "...", "at most 255 characters (has 301)");
    assertViolation(e, 4, "description", "x".repeat(37) + "...", "without control characters");
    assertEquals(0, e.getMessage().indexOf("Invalid rule (5 problems): ports '22'"), e.getMessage());
  }

  @Test
  void icmpWrongFamilyTogetherWithOtherProblems() {
    InvalidRuleException e = invalid(() -> rule(Protocol.ICMP, V6).ports(PortSet.single(1)).priority(101).build());
    assertEquals(3, e.violations().size(), e.getMessage());
    assertViolation(e, 0, "ports", "1", "not with icmp");
    assertViolation(e, 1, "protocol", "icmp", "icmp needs an IPv4 remote");
    assertViolation(e, 2, "priority", "101", "1-100");
  }

  @Test
  void singleViolationMessage() {
    InvalidRuleException e = invalid(() -> rule(Protocol.TCP, V4).priority(0).build());
    assertEquals("Invalid rule: priority '0': a priority 1-100 (1 is the highest)", e.getMessage());
  }

  @Test
  void invalidRuleExceptionNeedsAViolation() {
    assertThrows(IllegalArgumentException.class, () -> new InvalidRuleException(List.of()));
  }

  @Test
  void equalityFollowsTheNormalisedValues() {
    SecurityRule a = rule(Protocol.parse("6"), new CidrBlock("2001:DB8::/32")).ports(PortSet.parse("80,22")).build();
    SecurityRule b = rule(Protocol.TCP, V6).ports(PortSet.parse("22,80")).action(Action.ALLOW).build();
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, b.toBuilder().action(Action.DENY).build());
  }

  @Test
  void withoutDescription() {
    SecurityRule r = rule(Protocol.TCP, V4).description("x").build();
    assertEquals(rule(Protocol.TCP, V4).build(), r.withoutDescription());
    assertSame(r.withoutDescription(), r.withoutDescription());
    assertEquals(Optional.of("x"), r.description());
    SecurityRule plain = rule(Protocol.TCP, V4).build();
    assertEquals(plain, plain.withoutDescription());
  }
}
