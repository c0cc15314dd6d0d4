package io.portcullis.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.base.CharMatcher;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderCapabilitiesTest {
  /** A provider that can express nothing beyond allow-ingress over contiguous ports from IPv4 CIDRs. */
  private static final ProviderCapabilities MINIMAL = ProviderCapabilities.builder().provider("mini")
      .displayName("Mini groups").addRemoteKinds(RemoteKind.CIDR).build();

  private static final ProviderCapabilities FULL = ProviderCapabilities.builder().provider("full")
      .displayName("Full groups").deny(true).priority(true).egress(true).multiport(true).ipv6(true)
      .protocolNumbers(true).icmpTypeCode(true).remoteKinds(EnumSet.allOf(RemoteKind.class)).build();

  @Test
  void aPlainRuleIsSupported() {
    assertEquals(List.of(), MINIMAL.check(SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8 \"ssh\"")));
    assertDoesNotThrow(() -> MINIMAL.requireSupported(List.of(SecurityRule.parse("ingress allow any from 0.0.0.0/0"))));
  }

  @Test
  void everyReasonIsListed() {
    SecurityRule deny = SecurityRule.parse("egress deny tcp 22,80 to 2001:db8::/32 priority 5");
    assertEquals(List.of(
        "Mini groups only allow traffic: a deny rule has no equivalent",
        "Mini groups have no rule priority: priority 5 cannot be expressed",
        "Mini groups have no egress rules",
        "Mini groups take one contiguous port range per rule, not 22,80",
        "Mini groups have no IPv6 rules"), MINIMAL.check(deny));
    assertEquals(List.of(), FULL.check(deny));
  }

  @Test
  void protocolNumbersIcmpAndRemoteKinds() {
    assertEquals(List.of("Mini groups take only tcp, udp, icmp, icmpv6 or any, not protocol 47",
            "Mini groups cannot use a security group as the remote (sg-1 owner 1234)"),
        MINIMAL.check(SecurityRule.parse("ingress allow 47 from sg-1 owner 1234")));
    assertEquals(List.of("Mini groups cannot match an ICMP type or code (type 3 code 4); only all ICMP",
            "Mini groups cannot use an address group as the remote (address-group ag-1)"),
        MINIMAL.check(SecurityRule.parse("ingress allow icmp type 3 code 4 from address-group ag-1")));
    assertEquals(List.of("Mini groups cannot use a prefix list as the remote (pl-9)"),
        MINIMAL.check(SecurityRule.parse("ingress allow tcp from pl-9")));
    assertEquals(List.of(), FULL.check(SecurityRule.parse("ingress allow icmp type 3 code 4 from pl-9")));
  }

  @Test
  void descriptionLimits() {
    ProviderCapabilities none = ProviderCapabilities.builder().from(MINIMAL).maxDescriptionLength(0).build();
    assertEquals(List.of("Mini groups have no rule descriptions"),
        none.check(SecurityRule.parse("ingress allow tcp from 10.0.0.0/8 \"x\"")));
    ProviderCapabilities short10 = ProviderCapabilities.builder().from(MINIMAL).maxDescriptionLength(10)
        .descriptionCharacters(CharMatcher.inRange('a', 'z').or(CharMatcher.is(' ')))
        .descriptionCharactersText("a-z and space").build();
    assertEquals(List.of("Mini groups take descriptions of at most 10 characters",
            "Mini groups reject the description character(s) 'É!'; allowed: a-z and space"),
        short10.check(SecurityRule.parse("ingress allow tcp from 10.0.0.0/8 \"Éte!! Éte!!\"")));
    assertEquals(List.of(), short10.check(SecurityRule.parse("ingress allow tcp from 10.0.0.0/8 \"ok ok\"")));
  }

  @Test
  void requireSupportedNamesEveryRejectedRule() {
    SecurityRule ok = SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8");
    SecurityRule deny = SecurityRule.parse("ingress deny tcp 22 from 10.0.0.0/8");
    SecurityRule v6 = SecurityRule.parse("egress allow any to ::/0");
    UnsupportedRuleException e = assertThrows(UnsupportedRuleException.class,
        () -> MINIMAL.requireSupported(List.of(ok, deny, v6)));
    assertEquals("mini", e.provider());
    assertEquals(2, e.rejections().size());
    assertEquals(deny, e.rejections().get(0).rule());
    assertEquals(List.of("Mini groups have no egress rules", "Mini groups have no IPv6 rules"),
        e.rejections().get(1).reasons());
    assertEquals("mini cannot express 2 rules: "
        + "'ingress deny tcp 22 from 10.0.0.0/8': Mini groups only allow traffic: a deny rule has no equivalent"
        + " | 'egress allow any to ::/0': Mini groups have no egress rules; Mini groups have no IPv6 rules",
        e.getMessage());
  }

  @Test
  void unsupportedRuleExceptionForOneRule() {
    SecurityRule deny = SecurityRule.parse("ingress deny tcp 22 from 10.0.0.0/8");
    UnsupportedRuleException e = new UnsupportedRuleException("aws-ec2", deny, List.of("no deny"));
    assertEquals("aws-ec2 cannot express rule 'ingress deny tcp 22 from 10.0.0.0/8': no deny", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new UnsupportedRuleException("p", List.of()));
    assertThrows(IllegalArgumentException.class, () -> new RuleRejection(deny, List.of()));
  }
}
