package io.portcullis.aws.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.core.AddressGroupRemote;
import io.portcullis.core.Direction;
import io.portcullis.core.InvalidRuleException;
import io.portcullis.core.IpVersion;
import io.portcullis.core.PrefixListRemote;
import io.portcullis.core.Protocol;
import io.portcullis.core.SecurityGroupRemote;
import io.portcullis.core.SecurityRule;
import io.portcullis.core.TranslationPolicy;
import io.portcullis.core.UnsupportedRuleException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.ReferencedSecurityGroup;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

class Ec2RuleTranslatorTest {
  private final Ec2RuleTranslator strict = Ec2RuleTranslator.strict();

  private static List<SecurityRule> parse(String... texts) {
    return Arrays.stream(texts).map(SecurityRule::parse).toList();
  }

  private static IpPermission v4(String protocol, Integer from, Integer to, String... cidrs) {
    return IpPermission.builder().ipProtocol(protocol).fromPort(from).toPort(to)
        .ipRanges(Arrays.stream(cidrs).map(c -> IpRange.builder().cidrIp(c).build()).toList()).build();
  }

  @Test
  void nonContiguousPortListBecomesOnePermissionPerRange() {
    Ec2Translation t = strict.translate(parse("ingress allow tcp 22,3389,8000-8080 from 10.0.0.0/8"));

    assertEquals(List.of(v4("tcp", 22, 22, "10.0.0.0/8"), v4("tcp", 3389, 3389, "10.0.0.0/8"),
        v4("tcp", 8000, 8080, "10.0.0.0/8")), t.ingress());
    assertEquals(List.of(), t.egress());
  }

  @Test
  void rulesSharingProtocolAndPortsMergeIntoOnePermission() {
    Ec2Translation t = strict.translate(parse("ingress allow tcp 443 from 10.0.0.0/8",
        "ingress allow tcp 443 from 192.168.0.0/16", "ingress allow udp 443 from 10.0.0.0/8",
        "ingress allow tcp 443 from 2001:db8::/32 \"v6\""));

    assertEquals(List.of(
        v4("tcp", 443, 443, "10.0.0.0/8", "192.168.0.0/16").toBuilder()
            .ipv6Ranges(Ipv6Range.builder().cidrIpv6("2001:db8::/32").description("v6").build()).build(),
        v4("udp", 443, 443, "10.0.0.0/8")), t.ingress());
  }

  @Test
  void groupPairsNeverShareAPermissionWithCidrRanges() {
    Ec2Translation t = strict.translate(parse("ingress allow tcp 5432 from 10.0.0.0/8",
        "ingress allow tcp 5432 from sg-0app", "ingress allow tcp 5432 from group-name default owner 123456789012"));

    assertEquals(2, t.ingress().size());
    assertEquals(List.of(
            UserIdGroupPair.builder().groupId("sg-0app").build(),
            UserIdGroupPair.builder().groupName("default").userId("123456789012").build()),
        t.ingress().get(1).userIdGroupPairs());
    assertEquals(List.of(), t.ingress().get(1).ipRanges());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "ingress allow any from 0.0.0.0/0            | -1     |      |",
      "ingress allow 47 from 0.0.0.0/0             | 47     |      |",
      "ingress allow tcp from 0.0.0.0/0            | tcp    | 0    | 65535",
      "ingress allow udp 53 from 0.0.0.0/0         | udp    | 53   | 53",
      "ingress allow icmp from 0.0.0.0/0           | icmp   | -1   | -1",
      "ingress allow icmp type 8 from 0.0.0.0/0    | icmp   | 8    | -1",
      "ingress allow icmp type 3 code 4 from 0.0.0.0/0 | icmp | 3 | 4",
      "ingress allow icmpv6 from ::/0              | icmpv6 | -1   | -1",
  })
  void protocolsPortsAndIcmpUseEc2Spellings(String rule, String protocol, Integer from, Integer to) {
    IpPermission p = strict.translate(parse(rule)).ingress().get(0);

    assertEquals(protocol, p.ipProtocol());
    assertEquals(from, p.fromPort());
    assertEquals(to, p.toPort());
  }

  @Test
  void everyUnsupportedRuleIsNamedWithItsReasons() {
    SecurityRule deny = SecurityRule.parse("ingress deny tcp 22 from 10.0.0.0/8");
    SecurityRule priority = SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8 priority 1");
    SecurityRule address = SecurityRule.builder().direction(Direction.INGRESS).protocol(Protocol.TCP)
        .remote(AddressGroupRemote.of("ag-1")).build();
    SecurityRule description = SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8 \"caf\u00e9 <ssh>\"");
    SecurityRule v6Group = SecurityRule.builder().direction(Direction.INGRESS).protocol(Protocol.TCP)
        .remote(SecurityGroupRemote.builder().groupId("sg-0a").ipVersion(IpVersion.IPV6).build()).build();
    SecurityRule v6List = SecurityRule.builder().direction(Direction.INGRESS).protocol(Protocol.TCP)
        .remote(new PrefixListRemote("pl-0a", IpVersion.IPV6)).build();
    SecurityRule fine = SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8");

    UnsupportedRuleException e = assertThrows(UnsupportedRuleException.class, () -> strict.translate(
        List.of(fine, deny, priority, address, description, v6Group, v6List)));

    assertEquals(List.of(deny, priority, address, description, v6Group, v6List),
        e.rejections().stream().map(r -> r.rule()).toList());
    assertTrue(e.rejections().get(0).reasons().get(0).contains("only allow"), e.getMessage());
    assertTrue(e.rejections().get(1).reasons().get(0).contains("priority"), e.getMessage());
    assertTrue(e.rejections().get(2).reasons().get(0).contains("address group"), e.getMessage());
    assertTrue(e.rejections().get(3).reasons().get(0).contains("'\u00e9<>'"), e.getMessage());
    assertTrue(e.rejections().get(4).reasons().get(0).contains("IPv6"), e.getMessage());
    assertTrue(e.rejections().get(5).reasons().get(0).contains("IPv6"), e.getMessage());
  }

  @Test
  void descriptionWithEveryAllowedCharacterIsAccepted() {
    String allowed = "aZ09 ._-:/()#,@[]+=&;{}!$*";
    SecurityRule rule = SecurityRule.builder().from(SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8"))
        .description(allowed).build();

    assertEquals(allowed, strict.translate(List.of(rule)).ingress().get(0).ipRanges().get(0).description());
  }

  @Test
  void lenientPolicyDropsPriorityWithAWarningButStillRejectsDeny() {
    Ec2RuleTranslator lenient = new Ec2RuleTranslator(TranslationPolicy.LENIENT);
    SecurityRule withPriority = SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8 priority 7");

    Ec2Translation t = lenient.translate(List.of(withPriority));

    assertEquals(parse("ingress allow tcp 22 from 10.0.0.0/8"), t.rules());
    assertEquals(withPriority, t.warnings().get(0).rule());
    assertThrows(UnsupportedRuleException.class,
        () -> lenient.translate(parse("ingress deny tcp 22 from 10.0.0.0/8 priority 7")));
  }

  @Test
  void identicalRulesAreTranslatedOnce() {
    Ec2Translation t = strict.translate(parse("egress allow tcp 443 to 0.0.0.0/0", "egress allow tcp 443 to 0.0.0.0/0"));

    assertEquals(List.of(v4("tcp", 443, 443, "0.0.0.0/0")), t.egress());
  }

  @Test
  void overlappingPortListsSendEachRemoteOncePerPermission() {
    Ec2Translation t = strict.translate(parse("ingress allow tcp 22,80 from 10.0.0.0/8",
        "ingress allow tcp 22 from 10.0.0.0/8"));

    assertEquals(List.of(v4("tcp", 22, 22, "10.0.0.0/8"), v4("tcp", 80, 80, "10.0.0.0/8")), t.ingress());
  }

  @Test
  void theSameRuleWithTwoDescriptionsIsRejected() {
    UnsupportedRuleException e = assertThrows(UnsupportedRuleException.class, () -> strict.translate(parse(
        "ingress allow tcp 22,80 from 10.0.0.0/8 \"a\"", "ingress allow tcp 22 from 10.0.0.0/8 \"b\"")));

    assertEquals(parse("ingress allow tcp 22 from 10.0.0.0/8 \"b\""),
        e.rejections().stream().map(r -> r.rule()).toList());
    assertTrue(e.getMessage().contains("different description"), e.getMessage());
  }

  /** {@code count} distinct rules on tcp 443, each from its own /32 (and so each one EC2 rule). */
  private static List<SecurityRule> distinctOn443(int count, String description) {
    List<SecurityRule> rules = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rules.add(SecurityRule.parse("ingress allow tcp 443 from 10.0." + (i >> 8) + "." + (i & 0xff) + "/32"
          + description));
    }
    return rules;
  }

  @Test
  void aBatchLargerThanABlockSendsEachEc2RuleOnceWithoutEmptyPermissions() {
    List<SecurityRule> distinct = distinctOn443(5000, "");
    List<SecurityRule> batch = new ArrayList<>(distinct);
    batch.addAll(distinct); // every repeat falls in a later block than its first

    Ec2Translation t = strict.translate(batch);

    assertEquals(distinct, t.rules());
    // One permission per block of 2,048 rules that adds an EC2 rule: the repeats' blocks add none.
    assertEquals(3, t.ingress().size());
    List<SecurityRule> sent = Ec2RuleTranslator.reverse(Direction.INGRESS, t.ingress());
    assertEquals(distinct, sent);
    assertTrue(t.ingress().stream().allMatch(p -> p.fromPort() == 443 && p.toPort() == 443 && p.hasIpRanges()
        && !p.ipRanges().isEmpty()), "every permission holds ranges on 443");
  }

  @Test
  void aRepeatWithAnotherDescriptionInALaterBlockIsRejected() {
    List<SecurityRule> batch = new ArrayList<>(distinctOn443(3000, ""));
    SecurityRule other = SecurityRule.parse("ingress allow tcp 443 from 10.0.0.7/32 \"other\"");
    batch.add(other);

    UnsupportedRuleException e = assertThrows(UnsupportedRuleException.class, () -> strict.translate(batch));

    assertEquals(List.of(other), e.rejections().stream().map(r -> r.rule()).toList());
  }

  // ---- reverse ----

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "tcp    | 0  | 65535 | ingress allow tcp from 10.0.0.0/8",
      "tcp    | 1  | 65535 | ingress allow tcp from 10.0.0.0/8",
      "tcp    | -1 | -1    | ingress allow tcp from 10.0.0.0/8",
      "6      | 22 | 22    | ingress allow tcp 22 from 10.0.0.0/8",
      "-1     |    |       | ingress allow any from 10.0.0.0/8",
      "-1     | 0  | 65535 | ingress allow any from 10.0.0.0/8",
      "50     | 0  | 0     | ingress allow 50 from 10.0.0.0/8",
      "icmp   | -1 | -1    | ingress allow icmp from 10.0.0.0/8",
      "icmp   | 8  | -1    | ingress allow icmp type 8 from 10.0.0.0/8",
      "icmp   | 3  | 4     | ingress allow icmp type 3 code 4 from 10.0.0.0/8",
  })
  void reverseReadsEc2SpellingsOfAllPortsAndAnyIcmp(String protocol, Integer from, Integer to, String expected) {
    assertEquals(parse(expected), Ec2RuleTranslator.reverse(Direction.INGRESS, v4(protocol, from, to, "10.0.0.0/8")));
  }

  @Test
  void reverseOfIcmpv6WithoutPortsIsAnyIcmpv6() {
    IpPermission p = IpPermission.builder().ipProtocol("icmpv6")
        .ipv6Ranges(Ipv6Range.builder().cidrIpv6("::/0").build()).build();

    assertEquals(parse("egress allow icmpv6 to ::/0"), Ec2RuleTranslator.reverse(Direction.EGRESS, p));
  }

  @Test
  void reverseGivesOneRulePerRangeAndGroupPair() {
    IpPermission p = v4("tcp", 22, 22, "10.0.0.0/8", "192.168.0.0/16").toBuilder()
        .userIdGroupPairs(UserIdGroupPair.builder().groupId("sg-0a").userId("123456789012").vpcId("vpc-1")
            .vpcPeeringConnectionId("pcx-1").peeringStatus("active").description("peer").build()).build();

    assertEquals(parse("ingress allow tcp 22 from 10.0.0.0/8", "ingress allow tcp 22 from 192.168.0.0/16",
        "ingress allow tcp 22 from sg-0a owner 123456789012 vpc vpc-1 peering pcx-1 \"peer\""),
        Ec2RuleTranslator.reverse(Direction.INGRESS, p));
  }

  @Test
  void reverseOfSecurityGroupRuleKeepsItsIdGroupAndDirection() {
    SecurityGroupRule rule = SecurityGroupRule.builder().securityGroupRuleId("sgr-0abc").groupId("sg-0g")
        .isEgress(true).ipProtocol("udp").fromPort(53).toPort(53)
        .referencedGroupInfo(ReferencedSecurityGroup.builder().groupId("sg-0dns").userId("123456789012").build())
        .description("dns").build();

    var provisioned = Ec2RuleTranslator.reverse(rule);

    assertEquals("sgr-0abc", provisioned.providerId());
    assertEquals(java.util.Optional.of("sg-0g"), provisioned.groupId());
    assertEquals(SecurityRule.parse("egress allow udp 53 to sg-0dns owner 123456789012 \"dns\""), provisioned.rule());
  }

  @Test
  void reverseRefusesAnIcmpCodeWithoutAType() {
    assertThrows(InvalidRuleException.class,
        () -> Ec2RuleTranslator.reverse(Direction.INGRESS, v4("icmp", -1, 4, "10.0.0.0/8")));
  }

  @Test
  void reverseOfForwardGivesTheRulesBackOnePerPortRange() {
    List<SecurityRule> rules = parse("ingress allow tcp 22,80 from 10.0.0.0/8 \"web\"",
        "ingress allow tcp 22 from sg-0a owner 123456789012", "egress allow any to ::/0",
        "ingress allow icmp type 3 code 4 from 0.0.0.0/0", "egress allow tcp 443 to pl-0123");
    Ec2Translation t = strict.translate(rules);

    List<SecurityRule> back = new java.util.ArrayList<>(Ec2RuleTranslator.reverse(Direction.INGRESS, t.ingress()));
    back.addAll(Ec2RuleTranslator.reverse(Direction.EGRESS, t.egress()));

    assertEquals(java.util.Set.copyOf(parse("ingress allow tcp 22 from 10.0.0.0/8 \"web\"",
        "ingress allow tcp 80 from 10.0.0.0/8 \"web\"", "ingress allow tcp 22 from sg-0a owner 123456789012",
        "egress allow any to ::/0", "ingress allow icmp type 3 code 4 from 0.0.0.0/0",
        "egress allow tcp 443 to pl-0123")), java.util.Set.copyOf(back));
    assertEquals(6, back.size());
  }
}
