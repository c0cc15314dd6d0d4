package io.portcullis.aws.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portcullis.core.Direction;
import io.portcullis.core.InvalidRuleException;
import io.portcullis.core.SecurityRule;
import io.portcullis.testkit.FuzzInputs;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.PrefixListId;
import software.amazon.awssdk.services.ec2.model.ReferencedSecurityGroup;
import software.amazon.awssdk.services.ec2.model.RevokedSecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * Reading back what EC2 reports, however malformed: random {@link IpPermission}s and {@link SecurityGroupRule}s
 * (junk protocols, out-of-range or missing ports, bad CIDRs, missing fields) give rules that survive the text
 * form, or an {@link InvalidRuleException} with a message.
 */
class Ec2ReverseTranslationProperties {
  @Property(tries = 500)
  void permissionsReadBackAsRulesOrTypedErrors(@ForAll("permissions") IpPermission permission,
      @ForAll Direction direction) {
    FuzzInputs.attempt(permission.toString(), () -> Ec2RuleTranslator.reverse(direction, permission),
        InvalidRuleException.class).ifPresent(rules -> rules.forEach(r -> assertRoundTrips(permission, r)));
  }

  @Property(tries = 500)
  void securityGroupRulesReadBackAsRulesOrTypedErrors(@ForAll("securityGroupRules") SecurityGroupRule rule) {
    FuzzInputs.attempt(rule.toString(), () -> Ec2RuleTranslator.reverse(rule), InvalidRuleException.class)
        .ifPresent(read -> assertRoundTrips(rule, read.rule()));
  }

  @Property(tries = 300)
  void revokedRulesReadBackAsRulesOrTypedErrors(@ForAll("revokedRules") RevokedSecurityGroupRule rule) {
    FuzzInputs.attempt(rule.toString(), () -> Ec2RuleTranslator.reverse(rule), InvalidRuleException.class)
        .ifPresent(read -> assertRoundTrips(rule, read.rule()));
  }

  private static void assertRoundTrips(Object reply, SecurityRule rule) {
    assertEquals(rule, SecurityRule.parse(rule.toText()), reply.toString());
  }

  @Provide
  Arbitrary<IpPermission> permissions() {
    return Builders.withBuilder(IpPermission::builder)
        .use(protocols()).in((b, p) -> b.ipProtocol(p))
        .use(ports()).in((b, p) -> b.fromPort(p))
        .use(ports()).in((b, p) -> b.toPort(p))
        .use(cidrs().map(c -> IpRange.builder().cidrIp(c).description(null).build()).list().ofMaxSize(2))
        .in((b, l) -> b.ipRanges(l))
        .use(cidrs().map(c -> Ipv6Range.builder().cidrIpv6(c).build()).list().ofMaxSize(2))
        .in((b, l) -> b.ipv6Ranges(l))
        .use(ids("pl-").map(c -> PrefixListId.builder().prefixListId(c).build()).list().ofMaxSize(1))
        .in((b, l) -> b.prefixListIds(l))
        .use(pairs().list().ofMaxSize(2)).in((b, l) -> b.userIdGroupPairs(l))
        .build(IpPermission.Builder::build);
  }

  @Provide
  Arbitrary<SecurityGroupRule> securityGroupRules() {
    return Builders.withBuilder(SecurityGroupRule::builder)
        .use(ids("sgr-")).in((b, v) -> b.securityGroupRuleId(v))
        .use(ids("sg-")).in((b, v) -> b.groupId(v))
        .use(Arbitraries.of(true, false).injectNull(0.2)).in((b, v) -> b.isEgress(v))
        .use(protocols()).in((b, p) -> b.ipProtocol(p))
        .use(ports()).in((b, p) -> b.fromPort(p))
        .use(ports()).in((b, p) -> b.toPort(p))
        .use(cidrs().injectNull(0.5)).in((b, v) -> b.cidrIpv4(v))
        .use(cidrs().injectNull(0.7)).in((b, v) -> b.cidrIpv6(v))
        .use(ids("pl-").injectNull(0.7)).in((b, v) -> b.prefixListId(v))
        .use(references().injectNull(0.6)).in((b, v) -> b.referencedGroupInfo(v))
        .use(strings()).in((b, v) -> b.description(v))
        .build(SecurityGroupRule.Builder::build);
  }

  /** The same fields as {@link #securityGroupRules()}, as a revoke reply lists them. */
  @Provide
  Arbitrary<RevokedSecurityGroupRule> revokedRules() {
    return securityGroupRules().map(r -> RevokedSecurityGroupRule.builder().securityGroupRuleId(
            r.securityGroupRuleId()).groupId(r.groupId()).isEgress(r.isEgress()).ipProtocol(r.ipProtocol())
        .fromPort(r.fromPort()).toPort(r.toPort()).cidrIpv4(r.cidrIpv4()).cidrIpv6(r.cidrIpv6())
        .prefixListId(r.prefixListId()).description(r.description())
        .referencedGroupId(r.referencedGroupInfo() == null ? null : r.referencedGroupInfo().groupId()).build());
  }

  private static Arbitrary<UserIdGroupPair> pairs() {
    return Builders.withBuilder(UserIdGroupPair::builder)
        .use(ids("sg-")).in((b, v) -> b.groupId(v))
        .use(strings()).in((b, v) -> b.groupName(v))
        .use(strings()).in((b, v) -> b.userId(v))
        .use(ids("vpc-")).in((b, v) -> b.vpcId(v))
        .use(strings()).in((b, v) -> b.description(v))
        .build(UserIdGroupPair.Builder::build);
  }

  private static Arbitrary<ReferencedSecurityGroup> references() {
    return Builders.withBuilder(ReferencedSecurityGroup::builder)
        .use(ids("sg-")).in((b, v) -> b.groupId(v))
        .use(strings()).in((b, v) -> b.userId(v))
        .use(ids("pcx-")).in((b, v) -> b.vpcPeeringConnectionId(v))
        .build(ReferencedSecurityGroup.Builder::build);
  }

  static Arbitrary<String> protocols() {
    return Arbitraries.oneOf(Arbitraries.of("tcp", "udp", "icmp", "icmpv6", "-1", "6", "17", "1", "58", "47",
        "255", "256", "-2", "TCP", "all", "", " ", "junk", "99999999999", "1e3", "\u0000"),
        Arbitraries.strings().ofMaxLength(5)).injectNull(0.05);
  }

  static Arbitrary<Integer> ports() {
    return Arbitraries.oneOf(Arbitraries.of(-1, 0, 1, 3, 22, 443, 65535, 65536, -2, 256, Integer.MAX_VALUE,
        Integer.MIN_VALUE), Arbitraries.integers()).injectNull(0.2);
  }

  static Arbitrary<String> cidrs() {
    return Arbitraries.oneOf(Arbitraries.of("10.0.0.0/8", "0.0.0.0/0", "203.0.113.7/32", "::/0",
        "2001:db8::/32", "10.0.0.1", "10.0.0.1/8", "10.0.0.0/33", "::/129", "1.2.3.4/", "/8", "", "junk",
        "10.0.0.0/-1", "10.0.0.0/99999999999", "fe80::1%eth0", "1.2.3.4.5/8"),
        Arbitraries.strings().withChars("0123456789./:abcdef").ofMaxLength(20)).injectNull(0.1);
  }

  static Arbitrary<String> ids(String prefix) {
    return Arbitraries.oneOf(Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(8)
        .map(s -> prefix + s), strings());
  }

  static Arbitrary<String> strings() {
    return Arbitraries.oneOf(Arbitraries.of("", " ", "\"", "\\", "default", "123456789012"),
        Arbitraries.strings().all().ofMaxLength(10)).injectNull(0.3);
  }

}
