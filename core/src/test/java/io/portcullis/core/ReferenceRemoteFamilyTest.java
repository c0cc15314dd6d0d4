package io.portcullis.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * EC2 group and prefix-list references carry no IP family, so icmpv6 and every protocol from one are rules EC2
 * accepts and the model must express; a CIDR still has to match the ICMP family.
 */
class ReferenceRemoteFamilyTest {
  @ParameterizedTest
  @ValueSource(strings = {
      "ingress allow icmpv6 from sg-0abc123",
      "ingress allow icmpv6 type 128 from sg-0abc123 owner 123456789012",
      "egress allow icmpv6 to pl-0123",
      "ingress allow icmpv6 from group-name default",
      "ingress allow any from sg-0abc123",
      "egress allow any to pl-0123",
      "ingress allow tcp 0 from 10.0.0.0/8",
      "ingress allow udp 0 from sg-0abc123"})
  void rulesEc2AcceptsFromReferencesRoundTrip(String text) {
    SecurityRule rule = SecurityRule.parse(text);

    assertEquals(rule, SecurityRule.parse(rule.toText()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ingress allow icmpv6 from 10.0.0.0/8", "ingress allow icmpv6 from address-group ag-1",
      "ingress allow icmp from ::/0", "ingress allow icmp from sg-0abc123 ipv6"})
  void theIcmpFamilyStillMustMatchACidrOrAMarkedRemote(String text) {
    InvalidRuleException e = assertThrows(InvalidRuleException.class, () -> SecurityRule.parse(text));

    assertTrue(e.violations().stream().anyMatch(v -> v.field().equals("protocol")), e.getMessage());
  }
}
