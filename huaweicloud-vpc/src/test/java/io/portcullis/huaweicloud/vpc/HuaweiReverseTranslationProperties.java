package io.portcullis.huaweicloud.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huaweicloud.sdk.vpc.v3.model.SecurityGroupRule;
import io.portcullis.core.InvalidRuleException;
import io.portcullis.core.SecurityRule;
import io.portcullis.testkit.FuzzInputs;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Reading back what Huawei reports, however malformed: random v3 {@link SecurityGroupRule}s (junk protocol,
 * multiport, ethertype, remote, priority and action strings, missing fields) give a rule that survives the text
 * form, or an {@link InvalidRuleException} naming the bad field.
 */
class HuaweiReverseTranslationProperties {
  private final HuaweiRuleTranslator translator = new HuaweiRuleTranslator();

  @Property(tries = 1000)
  void repliesReadBackAsRulesOrTypedErrors(@ForAll("replies") SecurityGroupRule reply) {
    FuzzInputs.attempt(reply.toString(), () -> translator.fromHuawei(reply), InvalidRuleException.class)
        .ifPresent(read -> {
          assertEquals(read.rule(), SecurityRule.parse(read.rule().toText()), reply.toString());
          assertEquals(reply.getId(), read.providerId());
        });
  }

  @Example
  void aMissingOrUnknownFieldIsNamed() {
    SecurityGroupRule valid = new SecurityGroupRule().withId("r1").withDirection("ingress").withEthertype("IPv4")
        .withProtocol("tcp").withMultiport("22").withAction("allow").withPriority(1).withRemoteIpPrefix("10.0.0.0/8");
    assertEquals(SecurityRule.parse("ingress allow tcp 22 from 10.0.0.0/8 priority 1"),
        translator.fromHuawei(valid).rule());

    assertNamed("direction", copy(valid).withDirection(null));
    assertNamed("direction", copy(valid).withDirection("sideways"));
    assertNamed("action", copy(valid).withAction("permit"));
    assertNamed("ethertype", copy(valid).withEthertype("IPv5"));
    assertNamed("id", copy(valid).withId(null));
    assertNamed("protocol", copy(valid).withProtocol("tcpx"));
  }

  private void assertNamed(String field, SecurityGroupRule reply) {
    InvalidRuleException e = assertThrows(InvalidRuleException.class, () -> translator.fromHuawei(reply));
    assertTrue(e.violations().stream().anyMatch(v -> v.field().equals(field)), e.getMessage());
  }

  private static SecurityGroupRule copy(SecurityGroupRule r) {
    return new SecurityGroupRule().withId(r.getId()).withDirection(r.getDirection()).withEthertype(r.getEthertype())
        .withProtocol(r.getProtocol()).withMultiport(r.getMultiport()).withAction(r.getAction())
        .withPriority(r.getPriority()).withRemoteIpPrefix(r.getRemoteIpPrefix());
  }

  @Provide
  Arbitrary<SecurityGroupRule> replies() {
    return Builders.withBuilder(SecurityGroupRule::new)
        .use(pick("r-1", "0e2f0b3c-6022-4518-bb98-e0145fcc7b33", "")).in(SecurityGroupRule::withId)
        .use(pick("sg-1", "")).in(SecurityGroupRule::withSecurityGroupId)
        .use(pick("ingress", "egress", "INGRESS", "in", "")).in(SecurityGroupRule::withDirection)
        .use(pick("IPv4", "IPv6", "ipv6", "IPv5", "")).in(SecurityGroupRule::withEthertype)
        .use(pick("tcp", "udp", "icmp", "icmpv6", "6", "17", "0", "255", "256", "-1", "TCP", "any", "junk",
            "99999999999")).in(SecurityGroupRule::withProtocol)
        .use(pick("22", "22,80", "8000-8080", "1-65535", "0", "65536", "80-22", "22,22", "1-2,2-3", ",", "22,",
            "-", "a-b", "99999999999", "22 ,80", "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21"))
        .in(SecurityGroupRule::withMultiport)
        .use(pick("allow", "deny", "ALLOW", "accept", "")).in(SecurityGroupRule::withAction)
        .use(Arbitraries.of(1, 50, 100, 0, -1, 101, Integer.MAX_VALUE, Integer.MIN_VALUE).injectNull(0.3))
        .in(SecurityGroupRule::withPriority)
        .use(pick("10.0.0.0/8", "0.0.0.0/0", "::/0", "2001:db8::/32", "10.0.0.1", "10.0.0.1/8", "10.0.0.0/33",
            "junk", "/8", "1.2.3.4/")).in(SecurityGroupRule::withRemoteIpPrefix)
        .use(pick("sg-2", "").injectNull(0.6)).in(SecurityGroupRule::withRemoteGroupId)
        .use(pick("ag-1", "").injectNull(0.6)).in(SecurityGroupRule::withRemoteAddressGroupId)
        .use(pick("web", "", "a\tb", "<b>", "x".repeat(300))).in(SecurityGroupRule::withDescription)
        .use(Arbitraries.of(true, false).injectNull(0.5)).in(SecurityGroupRule::withEnabled)
        .build();
  }

  /** One of {@code known}, or a short random string, or null. */
  private static Arbitrary<String> pick(String... known) {
    return Arbitraries.oneOf(Arbitraries.of(known), Arbitraries.of(FuzzInputs.INSERTIONS),
        Arbitraries.strings().all().ofMaxLength(6)).injectNull(0.15);
  }
}
